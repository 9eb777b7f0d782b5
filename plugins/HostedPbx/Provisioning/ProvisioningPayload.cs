using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;
using HostedPbx.Settings;
using HostedPbx.Users;

namespace HostedPbx.Provisioning;

/// <summary>
/// What the mobile QR code and the desktop configuration file carry: where to register, as which extension,
/// and the one-time token the app exchanges at the provisioning server for its SIP credentials. Never the
/// voicemail PIN or a SIP password: those stay on the PBX.
/// </summary>
internal static class ProvisioningPayload
{
    public const string Format = "hosted-pbx-provisioning";

    /// <summary>Names stay readable (and the QR code smaller) without \uXXXX escapes; the payload never goes into HTML.</summary>
    public static JsonSerializerOptions Json { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions IndentedJson { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
    public const int Version = 1;

    public static JsonObject For(PbxMember member, HostedPbxOptions options, IssuedToken token, string purpose) => new()
    {
        ["format"] = Format,
        ["version"] = Version,
        ["app"] = purpose,
        ["server"] = options.ProvisioningServer,
        ["extension"] = member.Extension,
        ["username"] = PbxUsername.Of(member.User),
        ["displayName"] = member.Name,
        ["email"] = member.User.Email,
        ["token"] = token.Token,
        ["expiresAt"] = token.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
