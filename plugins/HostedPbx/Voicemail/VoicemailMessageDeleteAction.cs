using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;

namespace HostedPbx.Voicemail;

/// <summary>Deletes one voicemail message at the PBX.</summary>
internal sealed class VoicemailMessageDeleteAction(PbxMailbox mailbox) : IPbxAction
{
    public ActionDescriptor Descriptor { get; } = new("voicemail-message-delete", "Delete voicemail message", ActionTarget.User,
        "Deletes the message {messageId} from the user's voicemail box at the PBX.");

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (new ActionInput(request.Input).RejectUnknown(PbxMailbox.MessageId) is { } unknown)
        {
            return unknown;
        }
        var (messageId, invalid) = PbxMailbox.MessageIdOf(request);
        if (messageId is null)
        {
            return invalid!;
        }
        var (box, problem) = await mailbox.OpenAsync(request, cancellationToken);
        if (box is null)
        {
            return problem!;
        }
        if (!await mailbox.Pbx.DeleteMessageAsync(box.VendorId, messageId, cancellationToken))
        {
            return ActionResult.Problem(404, "Message not found", $"Extension {box.Member.Extension} has no voicemail message '{messageId}'.");
        }
        return ActionResult.Json(new JsonObject
        {
            ["extension"] = box.Member.Extension,
            ["messageId"] = messageId,
            ["deleted"] = true,
        });
    }
}
