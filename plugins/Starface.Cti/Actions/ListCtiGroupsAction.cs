using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Groups;
using Starface.Cti.Users;
using Names = Starface.Cti.Settings.StarfaceCtiSchema.ActionNames;

namespace Starface.Cti.Actions;

/// <summary>Lists the CTI groups with the users that have each one (own setting or core group mapping).</summary>
internal sealed class ListCtiGroupsAction(CtiGroupStore groups, CtiUserDirectory users) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new(Names.ListGroups, new LocalizedText("CTI groups", "CTI Gruppen"), ActionTarget.Connector,
        "Lists the CTI groups (Group ID, Group name) and the users that have each group.", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
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
