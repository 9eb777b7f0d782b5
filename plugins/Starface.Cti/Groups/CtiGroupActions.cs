using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Actions;
using Starface.Cti.Users;
using Names = Starface.Cti.StarfaceCtiSchema.ActionNames;

namespace Starface.Cti.Groups;

/// <summary>Lists the CTI groups with the users that have each one (own setting or core group mapping).</summary>
internal sealed class ListCtiGroupsAction(CtiGroupStore groups, CtiUserDirectory users) : IConnectorAction
{
    public string Name => Names.ListGroups;

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var all = await groups.ListAsync(cancellationToken);
        var everyone = await users.ListAsync(cancellationToken);
        var items = new JsonArray();
        foreach (var group in all)
        {
            var holders = everyone
                .Where(u => u.Group.GroupId == group.GroupId)
                .OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase)
                .Select(u => (JsonNode)new JsonObject
                {
                    ["username"] = u.Username,
                    ["ctiActive"] = u.Settings.CtiActive,
                    ["source"] = u.Group.Source,
                    ["coreGroup"] = u.Group.CoreGroupKey,
                })
                .ToArray();
            items.Add(new JsonObject
            {
                ["groupId"] = group.GroupId,
                ["name"] = group.Name,
                ["users"] = new JsonArray(holders),
            });
        }
        return ActionResult.Json(new JsonObject { ["groups"] = items });
    }
}

/// <summary>Creates a CTI group: Group ID (BC code: at most 20 characters, stored upper-case, unique) and Group name.</summary>
internal sealed class CreateCtiGroupAction(CtiGroupStore groups) : IConnectorAction
{
    public string Name => Names.CreateGroup;

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var input = new ActionInput(request.Input);
        var groupId = input.RequiredText("groupId", "Group ID", StarfaceCtiSchema.GroupIdMaxLength);
        var name = input.RequiredText("name", "Group name", StarfaceCtiSchema.GroupNameMaxLength);
        if (!input.IsValid)
        {
            return input.Problem("Invalid CTI group");
        }

        var id = CtiGroupStore.NormalizeId(groupId!);
        if (await groups.GetAsync(id, cancellationToken) is not null)
        {
            return Conflict(id);
        }
        try
        {
            var created = await groups.PutAsync(id, name!, expectedVersion: 0, cancellationToken);
            return ActionResult.Json(new JsonObject { ["groupId"] = created.GroupId, ["name"] = created.Name });
        }
        catch (ConnectorStoreConflictException)
        {
            return Conflict(id);
        }
    }

    private static ActionResult Conflict(string id) =>
        ActionResult.Problem(409, "CTI group exists", $"CTI group '{id}' already exists; Group IDs are unique.",
            [new("groupId", $"Group ID '{id}' is already taken.")]);
}

/// <summary>Changes the Group name of an existing CTI group (the Group ID is the key and stays).</summary>
internal sealed class RenameCtiGroupAction(CtiGroupStore groups) : IConnectorAction
{
    public string Name => Names.RenameGroup;

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var input = new ActionInput(request.Input);
        var groupId = input.RequiredText("groupId", "Group ID", StarfaceCtiSchema.GroupIdMaxLength);
        var name = input.RequiredText("name", "Group name", StarfaceCtiSchema.GroupNameMaxLength);
        if (!input.IsValid)
        {
            return input.Problem("Invalid CTI group");
        }

        var id = CtiGroupStore.NormalizeId(groupId!);
        if (await groups.GetAsync(id, cancellationToken) is not { } current)
        {
            return ActionResult.Problem(404, "CTI group not found", $"CTI group '{id}' does not exist.");
        }
        try
        {
            var renamed = await groups.PutAsync(id, name!, current.Version, cancellationToken);
            return ActionResult.Json(new JsonObject { ["groupId"] = renamed.GroupId, ["name"] = renamed.Name });
        }
        catch (ConnectorStoreConflictException)
        {
            return ActionResult.Problem(409, "CTI group changed", $"CTI group '{id}' was changed by someone else; reload and retry.");
        }
    }
}

/// <summary>
/// Deletes a CTI group. Users whose own CTI group is this one block the delete (409 naming them) unless the input
/// says <c>unassign: true</c>, which clears their CTI group in the same transaction. Core groups mapped to it
/// always block: their settings belong to the core group and must be changed there first.
/// </summary>
internal sealed class DeleteCtiGroupAction(CtiGroupStore groups, CtiUserDirectory users, IDirectoryWriter writer) : IConnectorAction
{
    public string Name => Names.DeleteGroup;

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var input = new ActionInput(request.Input);
        var groupId = input.RequiredText("groupId", "Group ID", StarfaceCtiSchema.GroupIdMaxLength);
        var unassign = input.OptionalBool("unassign", "Unassign");
        if (!input.IsValid)
        {
            return input.Problem("Invalid request");
        }

        var id = CtiGroupStore.NormalizeId(groupId!);
        if (await groups.GetAsync(id, cancellationToken) is null)
        {
            return ActionResult.Problem(404, "CTI group not found", $"CTI group '{id}' does not exist.");
        }

        var everyone = await users.ListAsync(cancellationToken);
        var holders = everyone
            .Where(u => u.Settings.CtiGroup == id)
            .OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var mappedCoreGroups = everyone
            .SelectMany(u => CtiGroupResolver.MappingsOf(u.Context.Groups))
            .Where(m => m.CtiGroupId == id)
            .Select(m => m.CoreGroupKey)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        if (mappedCoreGroups.Count > 0)
        {
            return ActionResult.Problem(409, "CTI group in use",
                $"CTI group '{id}' is mapped by core groups {Quote(mappedCoreGroups)}; remove the CTI group from their settings first.",
                [new("groupId", $"Mapped by core groups {Quote(mappedCoreGroups)}.")]);
        }
        if (holders.Count > 0 && !unassign)
        {
            var names = holders.Select(u => u.Username).ToList();
            return ActionResult.Problem(409, "CTI group in use",
                $"CTI group '{id}' is still assigned to users {Quote(names)}; unassign them or send \"unassign\": true.",
                [new("groupId", $"Assigned to users {Quote(names)}.")]);
        }

        foreach (var holder in holders)
        {
            var cleared = (JsonObject)holder.Context.Settings.DeepClone();
            cleared.Remove(StarfaceCtiSchema.UserKeys.CtiGroup);
            try
            {
                await writer.PutUserSettingsAsync(holder.Id, cleared, cancellationToken);
            }
            catch (DirectoryWriteException e)
            {
                // The problem result makes the host roll back the users already cleared.
                return ActionResult.Problem(e.IsConflict ? 409 : 400, "Could not unassign CTI group",
                    $"Clearing CTI group '{id}' of user '{holder.Username}' failed: {e.Message}", e.Errors);
            }
        }
        await groups.DeleteAsync(id, cancellationToken);

        return ActionResult.Json(new JsonObject
        {
            ["deleted"] = id,
            ["unassigned"] = new JsonArray(holders.Select(u => (JsonNode)JsonValue.Create(u.Username)).ToArray()),
        });
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
