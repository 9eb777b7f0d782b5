using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Settings;
using Connectel.Users;

namespace Connectel.Actions;

/// <summary>
/// Whether user <c>from</c> can pick up a call ringing at the target user: Asterisk lets B pick up A's call when one
/// of A's call groups is one of B's pickup groups. Answers the matching groups.
/// </summary>
internal sealed class CanPickUpAction(IDirectoryReader directory) : ConnectorAction<CanPickUpAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("can-pick-up", new LocalizedText("Can pick up?").With("de", "Kann übernehmen?"),
        ActionTarget.User, "Answers whether user 'from' can pick up a call ringing at this user, with the matching groups.", Mutating: false)
    {
        Input = [new FieldSchema("from", new LocalizedText("Picking-up user id").With("de", "ID des übernehmenden Benutzers"), FieldType.String)
        {
            Required = true,
            Pattern = "[0-9a-fA-F-]{32,36}",
            PatternMessage = "from must be a user id.",
        }],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(input.From, out var fromId) || await directory.GetUserAsync(fromId, cancellationToken) is not { } from)
        {
            return ActionResult.Problem(404, "User not found", $"There is no user with id '{input.From}'.", [new FieldError("from", "No such user.")]);
        }
        var ringing = request.User!;
        var callGroups = AsteriskGroups.Of(ringing.Settings[ConnectelSchema.CallGroups]?.GetValue<string>());
        var pickupGroups = AsteriskGroups.Of(from.Settings[ConnectelSchema.PickupGroups]?.GetValue<string>());
        var matching = callGroups.Intersect(pickupGroups).Order().ToList();
        return ActionResult.Json(new JsonObject
        {
            ["canPickUp"] = matching.Count > 0,
            ["matchingGroups"] = new JsonArray([.. matching.Select(g => (JsonNode?)g)]),
            ["callGroups"] = ringing.Settings[ConnectelSchema.CallGroups]?.DeepClone(),
            ["pickupGroups"] = from.Settings[ConnectelSchema.PickupGroups]?.DeepClone(),
        });
    }

    internal sealed record Input(string From);
}
