using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Groups.DeleteGroup;
using ConnectorHost.Core.Groups.GetGroup;
using ConnectorHost.Core.Groups.GroupChoices;
using ConnectorHost.Core.Groups.UpdateGroup;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Groups;

/// <summary>One group: name, key and parent, and one tab per connector with group fields; delete.</summary>
internal sealed class EditModel(IMediator mediator, IConnectorCatalog catalog) : SettingsOwnerPageModel(mediator, catalog)
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public Guid? ParentId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public GroupDetails Group { get; private set; } = null!;

    public IReadOnlyList<GroupTreeRow> Others { get; private set; } = [];

    protected override SettingsOwner Owner => SettingsOwner.Group;

    protected override IReadOnlyList<FieldSchema> FieldsOf(ConnectorSchema schema) => schema.Group;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await Mediator.Send(new UpdateGroup(Id, Version, Name ?? "", ParentId, Group.Attributes, Key), ct);
            Flash = Text.Saved;
            return Redirect($"/groups/{Id}");
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
        try
        {
            await Mediator.Send(new DeleteGroup(Id, Version), ct);
            Flash = Text.Deleted(Group.Name);
            return Redirect("/groups");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            (Name, Key, ParentId) = (Group.Name, Group.Key, Group.ParentId);
            await LoadChoicesAsync(ct);
            return Page();
        }
    }

    protected override string OwnerPath => $"/groups/{Id}";

    protected override async Task LoadOwnerAsync(CancellationToken ct) => Group = await Mediator.Send(new GetGroup(Id), ct);

    protected override void ShowStored() => (Name, Key, ParentId, Version) = (Group.Name, Group.Key, Group.ParentId, Group.Version);

    /// <summary>Only the groups the core accepts as parent: not this group nor one below it.</summary>
    protected override async Task LoadChoicesAsync(CancellationToken ct) => Others = GroupTreeRow.Of(await Mediator.Send(new GroupChoices(Id), ct));
}
