using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Voicemail;

namespace HostedPbx.Actions;

/// <summary>Deletes one voicemail message at the PBX.</summary>
internal sealed class VoicemailMessageDeleteAction(PbxMailbox mailbox) : ConnectorAction<MessageInput>
{
    public override ActionDescriptor Descriptor { get; } = new("voicemail-message-delete", "Delete voicemail message", ActionTarget.User,
        "Deletes the message {messageId} from the user's voicemail box at the PBX.")
    {
        // Only the PBX changes: the host runs it without holding the database's write transaction.
        VendorOnly = true,
        Input =
        [
            PbxMailbox.MessageIdField,
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, MessageInput input, CancellationToken cancellationToken)
    {
        var messageId = input.MessageId;
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
