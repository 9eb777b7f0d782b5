using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Groups.DeleteGroup;
using ConnectorHost.Core.Groups.GetGroup;
using ConnectorHost.Core.Groups.ListGroups;
using ConnectorHost.Core.Groups.UpdateGroup;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Groups;

/// <summary>One group: name, key and parent, and one tab per connector with group fields; delete.</summary>
internal sealed class EditModel(IMediator mediator, IConnectorCatalog catalog) : SettingsOwnerPageModel(mediator, catalog)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Name, Key, ParentId, Version) = (Group.Name, Group.Key, Group.ParentId, Group.Version);
        await LoadConnectorAsync(Id, null, [], ct);
        return Page();
    }

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
            return Page();
        }
    }

    public async Task<IActionResult> OnPostConnectorAsync(int version, CancellationToken ct) =>
        await LoadAsync(ct) ? await SaveConnectorAsync(Id, version, $"/groups/{Id}", () => Task.CompletedTask, ct) : NotFound();

    public async Task<IActionResult> OnPostRemoveConnectorAsync(int version, CancellationToken ct) =>
        await LoadAsync(ct) ? await RemoveConnectorAsync(Id, version, $"/groups/{Id}", ct) : NotFound();

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
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Group = await Mediator.Send(new GetGroup(Id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Others = GroupTreeRow.Of((await Mediator.Send(new ListGroups(1, 500, null, "name"), ct)).Items).Where(r => r.Group.Id != Id).ToList();
        LoadTabs();
        return true;
    }
}
