using System.Text.Json.Nodes;
using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.GetConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PreviewUser;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.RemoveConnectorSettings;
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
internal sealed class EditModel(IMediator mediator, IConnectorCatalog catalog) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The connector tab shown; empty for the profile.</summary>
    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? Tab { get; set; }

    [BindProperty]
    public UserForm Form { get; set; } = new();

    public UserDetails Details { get; private set; } = null!;

    public MembershipChoices Choices { get; private set; } = new([], []);

    /// <summary>Loaded connectors that take user settings: one tab each.</summary>
    public IReadOnlyList<ConnectorInfo> Tabs { get; private set; } = [];

    public ConnectorInfo? Connector { get; private set; }

    public SettingsPanel? Panel { get; private set; }

    public Projection? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Form = UserForm.From(Details, Details.GroupIds, Details.RoleIds);
        await LoadConnectorAsync(null, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var f = Form;
        try
        {
            VersionCondition version = f.Version;
            var user = await mediator.Send(new UpdateUser(Id, version, f.FirstName ?? "", f.LastName ?? "", UserForm.Blank(f.DisplayName), UserForm.Blank(f.Email),
                f.PhoneList, UserForm.Blank(f.Extension), UserForm.Blank(f.Language), UserForm.Blank(f.TimeZone), Details.Attributes, Details.Username, Details.Enabled), ct);
            if (!string.Equals(f.Username?.Trim(), user.Username, StringComparison.Ordinal))
            {
                user = await mediator.Send(new RenameUser(Id, user.Version, f.Username ?? ""), ct);
            }
            if (f.Enabled != user.Enabled)
            {
                await mediator.Send(new DisableUser(Id, user.Version, !f.Enabled), ct);
            }
            await MembershipChoices.ApplyAsync(mediator, Id, Details.GroupIds, f.GroupIds, Details.RoleIds, f.RoleIds, ct);
            Flash = Text.Saved;
            return Redirect($"/users/{Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            FormErrors.Insert(0, Text.FixErrors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostConnectorAsync(int version, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Catalog() is not { } connector)
        {
            return NotFound();
        }
        Form = UserForm.From(Details, Details.GroupIds, Details.RoleIds);
        var fields = connector.Description!.Schema.User;
        var stored = await mediator.Send(new GetConnectorSettings(SettingsOwner.User, Id, connector.Id), ct);
        var document = SettingsForm.Read(Request.Form, fields, SettingsPanel.Prefix, stored.Settings, stored.Secrets, stored.Version > 0);
        try
        {
            var saved = await mediator.Send(new PutConnectorSettings(SettingsOwner.User, Id, connector.Id, document, version), ct);
            if (saved.Warnings.Count == 0)
            {
                Flash = Text.Saved;
                return Redirect($"/users/{Id}?tab={Uri.EscapeDataString(connector.Id)}");
            }
            Flash = Text.Saved;
            await LoadConnectorAsync(null, saved.Warnings, ct);
            return Page();
        }
        catch (Exception ex) when (ShowRefusal(ex, SettingsPanel.Prefix))
        {
            FormErrors.Insert(0, Text.FixErrors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadConnectorAsync(document, [], ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveConnectorAsync(int version, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Catalog() is not { } connector)
        {
            return NotFound();
        }
        await mediator.Send(new RemoveConnectorSettings(SettingsOwner.User, Id, connector.Id, version), ct);
        Flash = Text.Saved;
        return Redirect($"/users/{Id}?tab={Uri.EscapeDataString(connector.Id)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await mediator.Send(new DeleteUser(Id, Form.Version), ct);
        Flash = Text.Deleted(Details.Username);
        return Redirect("/users");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Details = await mediator.Send(new GetUser(Id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Choices = await MembershipChoices.LoadAsync(mediator, ct);
        Tabs = catalog.All.Where(c => c.Status == ConnectorStatus.Loaded && c.Description is { Schema.User.Count: > 0 }).OrderBy(c => c.Id).ToList();
        return true;
    }

    private ConnectorInfo? Catalog() => Tabs.FirstOrDefault(c => c.Id == Tab);

    private async Task LoadConnectorAsync(JsonObject? shown, IReadOnlyList<FieldWarning> warnings, CancellationToken ct)
    {
        Connector = Catalog();
        if (Connector is null)
        {
            return;
        }
        var fields = Connector.Description!.Schema.User;
        var stored = await mediator.Send(new GetConnectorSettings(SettingsOwner.User, Id, Connector.Id), ct);
        Panel = await SettingsPanel.BuildAsync(mediator, Connector.Id, fields, stored, shown, ModelState, warnings, locked: false, ct);
        if (stored.Version > 0)
        {
            try
            {
                Preview = await mediator.Send(new PreviewUser(Id, Connector.Id), ct);
            }
            catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ConnectorUnavailableException or NotFoundException)
            {
                Preview = null;
            }
        }
    }
}
