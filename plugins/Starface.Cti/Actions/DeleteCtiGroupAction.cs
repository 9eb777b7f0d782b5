using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Groups;
using Starface.Cti.Settings;
using Starface.Cti.Users;
using Names = Starface.Cti.Settings.StarfaceCtiSchema.ActionNames;

namespace Starface.Cti.Actions;

/// <summary>
/// Deletes a CTI group. Users whose own CTI group is this one block the delete (409 naming them) unless the input
/// says <c>unassign: true</c>, which clears their CTI group in the same transaction. Core groups mapped to it
/// always block: their settings belong to the core group and must be changed there first.
/// </summary>
internal sealed class DeleteCtiGroupAction(CtiGroupStore groups, CtiUserDirectory users, IDirectoryWriter writer) : ConnectorAction<DeleteCtiGroupAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new(Names.DeleteGroup, new LocalizedText("Delete CTI group", "CTI Gruppe löschen"), ActionTarget.Connector,
        "Deletes a CTI group. Input: {\"groupId\": \"SALES\", \"unassign\": false}; 409 while users still have it unless unassign is true.")
    {
        Input =
        [
            CtiGroupInput.Fields[0],
            new FieldSchema("unassign", new LocalizedText("Unassign users", "Nutzer entfernen"), FieldType.Bool) { Default = false },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var unassign = input.Unassign;
        var id = CtiGroupStore.NormalizeId(input.GroupId);
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

    /// <summary>The checked input: the Group ID, and whether users that still have the group lose it.</summary>
    internal sealed record Input(string GroupId, bool Unassign);
}
