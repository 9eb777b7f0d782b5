using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Provisioning;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>
/// The Users page's x icon: deletes the core user (the sync engine then deletes the extension at the PBX),
/// frees the extension number, revokes the user's provisioning tokens and reports the other users whose
/// call forwarding still points at the freed extension, so an admin can fix them.
/// </summary>
internal sealed class DeleteUserAction(IDirectoryWriter writer, PbxMembers members, ProvisioningTokens tokens) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("delete-user", "Delete user", ActionTarget.User,
        "Deletes the user, frees their extension and lists the forwarding rules of other users that pointed at it.");

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var user = request.User!.User;
        var extension = PbxUserSettings.Of(request.User).Extension;
        var pointingHere = extension is null
            ? []
            : (await members.ListAsync(cancellationToken))
                .Where(m => m.User.Id != user.Id)
                .Select(m => (Member: m, Positions: PbxUserRules.DestinationsOf(m.Settings)
                    .Where(d => d.IsInternal && d.Value == extension)
                    .Select(d => d.Index + 1)
                    .ToList()))
                .Where(x => x.Positions.Count > 0)
                .OrderBy(x => x.Member.Extension, StringComparer.Ordinal)
                .ToList();

        if (!await writer.DeleteUserAsync(user.Id, cancellationToken))
        {
            return ActionResult.Problem(404, "User not found", $"User '{user.Username}' no longer exists.");
        }
        await tokens.RevokeAllAsync(user.Id, cancellationToken);

        return ActionResult.Json(new JsonObject
        {
            ["deletedUserId"] = user.Id.ToString(),
            ["username"] = user.Username,
            ["displayName"] = PbxMember.DisplayNameOf(user),
            ["freedExtension"] = extension,
            ["forwardingRulesPointingHere"] = new JsonArray([.. pointingHere.Select(x => (JsonNode?)new JsonObject
            {
                ["userId"] = x.Member.User.Id.ToString(),
                ["displayName"] = x.Member.Name,
                ["extension"] = x.Member.Extension,
                ["forwardingEnabled"] = x.Member.Settings.ForwardingEnabled,
                ["destinations"] = new JsonArray([.. x.Member.Settings.ForwardingDestinations.Select(d => (JsonNode?)JsonValue.Create(d))]),
                ["positions"] = new JsonArray([.. x.Positions.Select(p => (JsonNode?)JsonValue.Create(p))]),
            })]),
        });
    }
}
