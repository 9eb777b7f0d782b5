using System.Text.Json.Serialization;

namespace HostedPbx.Gateway;

// The hosted PBX's REST wire format (JSON, camelCase). See docs/connectors/hosted-pbx.md, "REST mapping".

/// <summary>Body of POST /api/v1/extensions and PUT /api/v1/extensions/{id}: the Add/Edit User form.</summary>
internal sealed record PbxExtensionProfile(
    string Username,
    string FirstName,
    string LastName,
    string? Email,
    string LicenseType,
    string Extension,
    string? OutboundCallerId,
    int RingsBeforeVoicemail);

/// <summary>Body of PUT /api/v1/extensions/{id}/voicemail. The password is left out when not set, so the PBX keeps its PIN.</summary>
internal sealed record PbxVoicemailSettings(
    bool Enabled,
    string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password)
{
    public override string ToString() => $"PbxVoicemailSettings {{ Enabled = {Enabled}, Email = {Email} }}";
}

/// <summary>Body of PUT /api/v1/extensions/{id}/forwarding.</summary>
/// <param name="Strategy"><c>simultaneous</c> or <c>sequential</c>.</param>
internal sealed record PbxForwarding(bool Enabled, string Strategy, IReadOnlyList<PbxForwardingDestination> Destinations);

/// <summary>A forwarding target: <c>internal</c> (an extension number) or <c>external</c> (an E.164 number).</summary>
internal sealed record PbxForwardingDestination(string Type, string Value)
{
    public const string Internal = "internal";
    public const string External = "external";
}

/// <summary>Body of PUT /api/v1/extensions/{id}/dnd.</summary>
internal sealed record PbxDoNotDisturb(bool Enabled);

/// <summary>An extension as the PBX returns it (GET); secrets are only reported as present or not.</summary>
internal sealed record PbxExtension(
    string Id,
    string Extension,
    string? Username = null,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    string? LicenseType = null,
    string? OutboundCallerId = null,
    int? RingsBeforeVoicemail = null,
    PbxVoicemailState? Voicemail = null,
    PbxForwarding? Forwarding = null,
    bool? DoNotDisturb = null);

/// <summary>Voicemail state as the PBX reports it.</summary>
internal sealed record PbxVoicemailState(bool Enabled, string? Email = null, bool HasPassword = false, bool HasGreeting = false);

/// <summary>A page of GET /api/v1/extensions.</summary>
internal sealed record PbxExtensionPage(IReadOnlyList<PbxExtension> Items, int Page, int PageSize, int TotalItems);

/// <summary>One voicemail message (GET /api/v1/extensions/{id}/messages).</summary>
internal sealed record PbxVoicemailMessage(string Id, DateTimeOffset ReceivedAt, string? From = null, int DurationSeconds = 0, bool Read = false);

/// <summary>The list answer of GET /api/v1/extensions/{id}/messages.</summary>
internal sealed record PbxVoicemailMessageList(IReadOnlyList<PbxVoicemailMessage> Items);

/// <summary>A downloaded recording.</summary>
internal sealed record PbxAudio(byte[] Content, string ContentType);

/// <summary>The PBX's error body: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
internal sealed record PbxErrorEnvelope(PbxError? Error = null);

/// <summary>Error details; either may be missing (optional, so an error with only a code still reads).</summary>
internal sealed record PbxError(string? Code = null, string? Message = null);
