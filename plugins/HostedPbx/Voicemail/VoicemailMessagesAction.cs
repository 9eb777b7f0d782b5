using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;

namespace HostedPbx.Voicemail;

/// <summary>The Message icon: the user's voicemail messages, newest first.</summary>
internal sealed class VoicemailMessagesAction(PbxMailbox mailbox) : IPbxAction
{
    public ActionDescriptor Descriptor { get; } = new("voicemail-messages", "Voicemail messages", ActionTarget.User,
        "Lists the user's voicemail messages at the PBX (id, caller, time, duration, read).", Mutating: false);

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (new ActionInput(request.Input).RejectUnknown() is { } unknown)
        {
            return unknown;
        }
        var (box, problem) = await mailbox.OpenAsync(request, cancellationToken);
        if (box is null)
        {
            return problem!;
        }
        var messages = await mailbox.Pbx.ListMessagesAsync(box.VendorId, cancellationToken);
        return ActionResult.Json(new JsonObject
        {
            ["extension"] = box.Member.Extension,
            ["messages"] = new JsonArray([.. messages
                .OrderByDescending(m => m.ReceivedAt)
                .Select(m => (JsonNode?)new JsonObject
                {
                    ["id"] = m.Id,
                    ["from"] = m.From,
                    ["receivedAt"] = m.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["durationSeconds"] = m.DurationSeconds,
                    ["read"] = m.Read,
                })]),
        });
    }
}
