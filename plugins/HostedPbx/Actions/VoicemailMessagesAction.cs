using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Voicemail;

namespace HostedPbx.Actions;

/// <summary>The Message icon: the user's voicemail messages, newest first.</summary>
internal sealed class VoicemailMessagesAction(PbxMailbox mailbox) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("voicemail-messages", "Voicemail messages", ActionTarget.User,
        "Lists the user's voicemail messages at the PBX (id, caller, time, duration, read).", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
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
