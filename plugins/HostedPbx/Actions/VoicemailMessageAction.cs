using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Voicemail;

namespace HostedPbx.Actions;

/// <summary>Downloads the recording of one voicemail message.</summary>
internal sealed class VoicemailMessageAction(PbxMailbox mailbox) : ConnectorAction<MessageInput>
{
    public override ActionDescriptor Descriptor { get; } = new("voicemail-message", "Download voicemail message", ActionTarget.User,
        "Downloads the audio of the message {messageId} (WAV or MP3, as the PBX stores it).", Mutating: false)
    {
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
        var audio = await mailbox.Pbx.DownloadMessageAsync(box.VendorId, messageId, cancellationToken);
        if (audio is null)
        {
            return ActionResult.Problem(404, "Message not found", $"Extension {box.Member.Extension} has no voicemail message '{messageId}'.");
        }
        // The PBX's content type is trusted only when the bytes agree.
        var contentType = FileContentSniffer.Detect(audio.Content) ?? audio.ContentType;
        var extension = contentType switch
        {
            "audio/wav" => ".wav",
            "audio/mpeg" => ".mp3",
            _ => ".bin",
        };
        return ActionResult.File(audio.Content, contentType, $"voicemail-{box.Member.Extension}-{messageId}{extension}");
    }
}
