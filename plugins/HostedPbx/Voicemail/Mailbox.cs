using HostedPbx.Users;

namespace HostedPbx.Voicemail;

/// <summary>A user's voicemail box at the PBX: the member and the PBX's id of their extension.</summary>
internal sealed record Mailbox(PbxMember Member, string VendorId);
