namespace HostedPbx.Actions;

/// <summary>The checked input of the actions on one voicemail message (see <see cref="PbxMailbox.MessageIdField"/>).</summary>
/// <param name="MessageId">The id of a message from the voicemail-messages action.</param>
internal sealed record MessageInput(string MessageId);
