using System.Text.Json.Nodes;
using System.Text.Json;
using ConnectorHost.Sdk.Model;
using HostedPbx.Settings;

namespace HostedPbx.Users;

/// <summary>An uploaded greeting as stored in the settings document.</summary>
internal sealed record GreetingFile(string FileName, string ContentType, byte[] Data);

/// <summary>
/// Typed view of a user's hosted PBX settings document (already normalized by the schema validator, so
/// defaults are present). Missing values fall back to the schema defaults. Not a record: the voicemail
/// password must never show up in a generated ToString().
/// </summary>
internal sealed class PbxUserSettings
{
    public string LicenseType { get; private init; } = HostedPbxSchema.LicenseVoice;
    public string? Extension { get; private init; }
    public string? OutboundCallerId { get; private init; }
    public int RingsBeforeVoicemail { get; private init; } = HostedPbxSchema.DefaultRings;
    public bool VoicemailEnabled { get; private init; } = true;
    public GreetingFile? Greeting { get; private init; }
    public string? VoicemailEmail { get; private init; }
    public string? VoicemailPassword { get; private init; }
    public bool ForwardingEnabled { get; private init; }
    public IReadOnlyList<string> ForwardingDestinations { get; private init; } = [];
    public string RingStrategy { get; private init; } = HostedPbxSchema.RingSimultaneous;
    public bool DoNotDisturb { get; private init; }
    public string? AccountId { get; private init; }

    public override string ToString() => $"PbxUserSettings {{ Extension = {Extension} }}";

    /// <summary>The user's settings with the licence type their roles give when they have none of their own.</summary>
    public static PbxUserSettings Of(UserContext user)
    {
        var settings = Read(user.Settings);
        if (Text(user.Settings, HostedPbxSchema.LicenseType) is not null)
        {
            return settings;
        }
        var fromRoles = user.Roles.Select(r => Text(r.Settings, HostedPbxSchema.LicenseType)).OfType<string>().ToList();
        // Among roles the wider licence wins: one role that needs the portal is enough.
        var license = fromRoles.Any(l => l.Equals(HostedPbxSchema.LicenseAdmin, StringComparison.OrdinalIgnoreCase))
            ? HostedPbxSchema.LicenseAdmin
            : fromRoles.Count > 0 ? HostedPbxSchema.LicenseVoice : settings.LicenseType;
        return new PbxUserSettings
        {
            LicenseType = license, Extension = settings.Extension, OutboundCallerId = settings.OutboundCallerId,
            RingsBeforeVoicemail = settings.RingsBeforeVoicemail, VoicemailEnabled = settings.VoicemailEnabled, Greeting = settings.Greeting,
            VoicemailEmail = settings.VoicemailEmail, VoicemailPassword = settings.VoicemailPassword, ForwardingEnabled = settings.ForwardingEnabled,
            ForwardingDestinations = settings.ForwardingDestinations, RingStrategy = settings.RingStrategy, DoNotDisturb = settings.DoNotDisturb,
            AccountId = settings.AccountId,
        };
    }

    public static PbxUserSettings Read(JsonObject settings) => new()
    {
        LicenseType = Text(settings, HostedPbxSchema.LicenseType) ?? HostedPbxSchema.LicenseVoice,
        Extension = Text(settings, HostedPbxSchema.Extension),
        OutboundCallerId = Text(settings, HostedPbxSchema.OutboundCallerId),
        RingsBeforeVoicemail = Number(settings, HostedPbxSchema.RingsBeforeVoicemail) ?? HostedPbxSchema.DefaultRings,
        VoicemailEnabled = Flag(settings, HostedPbxSchema.VoicemailEnabled) ?? true,
        Greeting = File(settings, HostedPbxSchema.Greeting),
        VoicemailEmail = Text(settings, HostedPbxSchema.VoicemailEmail),
        VoicemailPassword = Text(settings, HostedPbxSchema.VoicemailPassword),
        ForwardingEnabled = Flag(settings, HostedPbxSchema.ForwardingEnabled) ?? false,
        ForwardingDestinations = settings[HostedPbxSchema.ForwardingDestinations] is JsonArray list
            ? [.. list.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s.Trim() : "").Where(s => s.Length > 0)]
            : [],
        RingStrategy = Text(settings, HostedPbxSchema.RingStrategy) ?? HostedPbxSchema.RingSimultaneous,
        DoNotDisturb = Flag(settings, HostedPbxSchema.DoNotDisturb) ?? false,
        AccountId = Text(settings, HostedPbxSchema.AccountId),
    };

    private static string? Text(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static bool? Flag(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    private static int? Number(JsonObject settings, string key) =>
        // Parsed from the JSON text: values built in code (e.g. long) and parsed values (JsonElement) read alike.
        settings[key] is JsonValue v && int.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), out var n)
            ? n
            : null;

    private static GreetingFile? File(JsonObject settings, string key)
    {
        if (settings[key] is not JsonObject file
            || file["data"] is not JsonValue dataNode || !dataNode.TryGetValue(out string? data))
        {
            return null;
        }
        try
        {
            var bytes = Convert.FromBase64String(data);
            var fileName = file["fileName"] is JsonValue n && n.TryGetValue(out string? name) ? name : "greeting";
            var contentType = file["contentType"] is JsonValue c && c.TryGetValue(out string? type) ? type : "application/octet-stream";
            return new GreetingFile(fileName, contentType, bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
