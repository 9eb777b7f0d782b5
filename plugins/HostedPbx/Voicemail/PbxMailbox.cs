using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Actions;
using HostedPbx.Gateway;
using HostedPbx.Users;

namespace HostedPbx.Voicemail;

/// <summary>
/// Shared steps of the voicemail actions: find the user's extension at the PBX and check message ids. PBX
/// failures stay SDK vendor exceptions, which the host answers with 502/503 (and Retry-After).
/// </summary>
internal sealed class PbxMailbox(PbxApiClient pbx)
{
    public const string MessageId = "messageId";

    public PbxApiClient Pbx => pbx;

    /// <summary>The mailbox of the target user, or a problem (404 when the user is not, or not yet, on the PBX).</summary>
    public async Task<(Mailbox? Mailbox, ActionResult? Problem)> OpenAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var (member, problem) = PbxActionAnswers.ExtensionOf(request.User!);
        if (member is null)
        {
            return (null, problem);
        }
        // The id the sync engine recorded saves a lookup; before the first push, the PBX is asked by extension.
        if (request.VendorId is { Length: > 0 } vendorId)
        {
            return (new Mailbox(member, vendorId), null);
        }
        var extension = await pbx.FindByExtensionAsync(member.Extension, cancellationToken);
        return extension is null
            ? (null, ActionResult.Problem(404, "Extension not on the PBX", $"Extension {member.Extension} does not exist on the PBX yet; wait for the next synchronization."))
            : (new Mailbox(member, extension.Id), null);
    }

    /// <summary>
    /// The message id input: letters, digits, '-' and '_' only, because the id becomes a URL path segment at the PBX.
    /// </summary>
    public static FieldSchema MessageIdField { get; } = new(MessageId, "Message id", FieldType.String)
    {
        Required = true,
        Pattern = "[A-Za-z0-9_-]{1,100}",
        PatternMessage = "'messageId' must be the id of a message from the voicemail-messages action (letters, digits, '-' and '_').",
    };
}
