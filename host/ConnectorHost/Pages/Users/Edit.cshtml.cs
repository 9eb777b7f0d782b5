using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PreviewUser;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Users.DeleteUser;
using ConnectorHost.Core.Users.DisableUser;
using ConnectorHost.Core.Users.GetUser;
using ConnectorHost.Core.Users.RenameUser;
using ConnectorHost.Core.Users.UpdateUser;
using ConnectorHost.Pages.Shared;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Users;

/// <summary>
/// One user: the profile tab (core fields, groups, roles, delete) and one tab per loaded connector with user fields,
/// rendered from its schema, with the connector's errors at the fields and the preview of what the vendor receives.
/// Every save goes through the same use cases as the API.
/// </summary>
internal sealed class EditModel(IMediator mediator, IConnectorCatalog catalog) : SettingsOwnerPageModel(mediator, catalog)
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public UserDetails Details { get; private set; } = null!;

    public MembershipChoices Choices { get; private set; } = new([], []);

    public Projection? Preview { get; private set; }

    protected override SettingsOwner Owner => SettingsOwner.User;

    protected override IReadOnlyList<FieldSchema> FieldsOf(ConnectorSchema schema) => schema.User;

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var f = Form;
        // Each step below commits on its own: after a later step is refused, the form must carry the version the
        // earlier ones left, or the next save fails as if another admin had changed the user.
        var savedVersion = f.Version;
        try
        {
            VersionCondition version = f.Version;
            var user = await Mediator.Send(new UpdateUser(Id, version, f.FirstName ?? "", f.LastName ?? "", UserForm.Blank(f.DisplayName), UserForm.Blank(f.Email),
                f.PhoneList, UserForm.Blank(f.Extension), UserForm.Blank(f.Language), UserForm.Blank(f.TimeZone), Details.Attributes, Details.Username, Details.Enabled), ct);
            savedVersion = user.Version;
            if (!string.Equals(f.Username?.Trim(), user.Username, StringComparison.Ordinal))
            {
                user = await Mediator.Send(new RenameUser(Id, user.Version, f.Username ?? ""), ct);
                savedVersion = user.Version;
            }
            if (f.Enabled != user.Enabled)
            {
                savedVersion = (await Mediator.Send(new DisableUser(Id, user.Version, !f.Enabled), ct)).Version;
            }
            await MembershipChoices.ApplyAsync(Mediator, Id, Details.GroupIds, f.GroupIds, Details.RoleIds, f.RoleIds, ct);
            Flash = Text.Saved;
            return Redirect($"/users/{Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            f.Version = savedVersion;
            FormErrors.Insert(0, Text.FixErrors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadChoicesAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await Mediator.Send(new DeleteUser(Id, Form.Version), ct);
        Flash = Text.Deleted(Details.Username);
        return Redirect("/users");
    }

    protected override string OwnerPath => $"/users/{Id}";

    protected override async Task LoadOwnerAsync(CancellationToken ct) => Details = await Mediator.Send(new GetUser(Id), ct);

    protected override void ShowStored() => Form = UserForm.From(Details, Details.GroupIds, Details.RoleIds);

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Choices = await MembershipChoices.LoadAsync(Mediator, ct);

    /// <summary>What the vendor would receive, once the user has settings for the tab's connector.</summary>
    protected override async Task LoadTabExtrasAsync(CancellationToken ct)
    {
        if (Tabs.FirstOrDefault(c => c.Id == Tab) is not { } connector || !Details.ConnectorIds.Contains(connector.Id))
        {
            return;
        }
        try
        {
            Preview = await Mediator.Send(new PreviewUser(Id, connector.Id), ct);
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ConnectorUnavailableException or NotFoundException or ConnectorHost.Sdk.Gateway.VendorException)
        {
            Preview = null;
        }
    }
}
