using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Actions;

namespace Starface.Cti.Users;

/// <summary>
/// The users a user sees in the CTI client: with a CTI group, the other CTI-active users of that group; without
/// one, every other CTI-active user. A user that is not CTI-active sees nobody.
/// </summary>
internal sealed class VisibleUsersAction(CtiUserDirectory users) : IConnectorAction
{
    public string Name => StarfaceCtiSchema.ActionNames.VisibleUsers;

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (request.User is null)
        {
            return ActionResult.Problem(400, "User required", "visible-users needs a target user (userId).");
        }

        var everyone = await users.ListAsync(cancellationToken);
        var viewer = everyone.FirstOrDefault(u => u.Id == request.User.User.Id)
            ?? await users.DescribeAsync(request.User, cancellationToken);
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
