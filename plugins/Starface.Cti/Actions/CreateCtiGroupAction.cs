using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Groups;
using Starface.Cti.Users;
using Names = Starface.Cti.Settings.StarfaceCtiSchema.ActionNames;

namespace Starface.Cti.Actions;

/// <summary>Creates a CTI group: Group ID (BC code: at most 20 characters, stored upper-case, unique) and Group name.</summary>
internal sealed class CreateCtiGroupAction(CtiGroupStore groups) : ConnectorAction<CtiGroupInput>
{
    public override ActionDescriptor Descriptor { get; } = new(Names.CreateGroup, new LocalizedText("New CTI group", "Neue CTI Gruppe"), ActionTarget.Connector,
        "Creates a CTI group. Input: {\"groupId\": \"SALES\", \"name\": \"Sales team\"}.")
    {
        Input = CtiGroupInput.Fields,
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, CtiGroupInput input, CancellationToken cancellationToken)
    {
        var id = CtiGroupStore.NormalizeId(input.GroupId);
        if (await groups.GetAsync(id, cancellationToken) is not null)
        {
            return Conflict(id);
        }
        try
        {
            var created = await groups.PutAsync(id, input.Name, expectedVersion: 0, cancellationToken);
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
