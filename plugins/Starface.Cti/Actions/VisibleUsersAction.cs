using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Settings;
using Starface.Cti.Users;

namespace Starface.Cti.Actions;

/// <summary>
/// The users a user sees in the CTI client: with a CTI group, the other CTI-active users of that group; without
/// one, every other CTI-active user. A user that is not CTI-active sees nobody.
/// </summary>
internal sealed class VisibleUsersAction(CtiUserDirectory users) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new(StarfaceCtiSchema.ActionNames.VisibleUsers, new LocalizedText("Visible CTI users", "Sichtbare CTI-Nutzer"), ActionTarget.User,
        "The CTI-active users the user sees in the CTI client (same CTI group, or everyone when the user has no group).", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var everyone = await users.ListAsync(cancellationToken);
        var viewer = everyone.FirstOrDefault(u => u.Id == request.User!.User.Id)
            ?? await users.DescribeAsync(request.User!, cancellationToken);
        var visible = CtiUserDirectory.VisibleTo(viewer, everyone);

        return ActionResult.Json(new JsonObject
        {
            ["user"] = Describe(viewer),
            ["ctiGroupSource"] = viewer.Group.Source,
            ["visibleUsers"] = new JsonArray(visible.Select(u => (JsonNode)Describe(u)).ToArray()),
        });
    }

    internal static JsonObject Describe(CtiUser user) => new()
    {
        ["id"] = user.Id.ToString("D"),
        ["username"] = user.Username,
        ["displayName"] = user.Context.User.DisplayName,
        ["ctiActive"] = user.Settings.CtiActive,
        ["extension"] = user.Settings.Extension,
        ["ctiGroup"] = user.Group.GroupId,
    };
}
