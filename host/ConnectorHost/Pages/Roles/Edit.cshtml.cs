using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Roles;
using ConnectorHost.Core.Roles.DeleteRole;
using ConnectorHost.Core.Roles.GetRole;
using ConnectorHost.Core.Roles.RoleChoices;
using ConnectorHost.Core.Roles.UpdateRole;
using ConnectorHost.Pages.Shared;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Roles;

/// <summary>One role: name, key, description, included roles, and one tab per connector with role fields; delete.</summary>
internal sealed class EditModel(IMediator mediator, IConnectorCatalog catalog) : SettingsOwnerPageModel(mediator, catalog)
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<Guid> IncludedRoleIds { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    public RoleDto Role { get; private set; } = null!;

    public IReadOnlyList<RoleDto> Others { get; private set; } = [];

    protected override SettingsOwner Owner => SettingsOwner.Role;

    protected override IReadOnlyList<FieldSchema> FieldsOf(ConnectorSchema schema) => schema.Role;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await Mediator.Send(new UpdateRole(Id, Version, Name ?? "", string.IsNullOrWhiteSpace(Description) ? null : Description, IncludedRoleIds, Key), ct);
            Flash = Text.Saved;
            return Redirect($"/roles/{Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
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
        await Mediator.Send(new DeleteRole(Id, Version), ct);
        Flash = Text.Deleted(Role.Name);
        return Redirect("/roles");
    }

    protected override string OwnerPath => $"/roles/{Id}";

    protected override async Task LoadOwnerAsync(CancellationToken ct) => Role = await Mediator.Send(new GetRole(Id), ct);

    protected override void ShowStored() =>
        (Name, Key, Description, IncludedRoleIds, Version) = (Role.Name, Role.Key, Role.Description, [.. Role.IncludedRoleIds], Role.Version);

    protected override async Task LoadChoicesAsync(CancellationToken ct) => Others = (await Mediator.Send(new RoleChoices(), ct)).Where(r => r.Id != Id).ToList();
}
