using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Groups;
using Starface.Cti.Users;
using Names = Starface.Cti.Settings.StarfaceCtiSchema.ActionNames;

namespace Starface.Cti.Actions;

/// <summary>Changes the Group name of an existing CTI group (the Group ID is the key and stays).</summary>
internal sealed class RenameCtiGroupAction(CtiGroupStore groups) : ConnectorAction<CtiGroupInput>
{
    public override ActionDescriptor Descriptor { get; } = new(Names.RenameGroup, new LocalizedText("Rename CTI group", "CTI Gruppe umbenennen"), ActionTarget.Connector,
        "Changes the Group name of a CTI group. Input: {\"groupId\": \"SALES\", \"name\": \"Sales\"}.")
    {
        Input = CtiGroupInput.Fields,
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, CtiGroupInput input, CancellationToken cancellationToken)
    {
        var id = CtiGroupStore.NormalizeId(input.GroupId);
        if (await groups.GetAsync(id, cancellationToken) is not { } current)
        {
            return ActionResult.Problem(404, "CTI group not found", $"CTI group '{id}' does not exist.");
        }
        try
        {
            var renamed = await groups.PutAsync(id, input.Name, current.Version, cancellationToken);
            return ActionResult.Json(new JsonObject { ["groupId"] = renamed.GroupId, ["name"] = renamed.Name });
        }
        catch (ConnectorStoreConflictException)
        {
            return ActionResult.Problem(409, "CTI group changed", $"CTI group '{id}' was changed by someone else; reload and retry.");
        }
    }
}
