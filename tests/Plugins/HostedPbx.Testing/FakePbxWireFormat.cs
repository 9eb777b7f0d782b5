using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HostedPbx.Testing;

/// <summary>
/// The request bodies the hosted PBX accepts, checked field by field: an unknown field, a missing one or a value
/// of the wrong shape is an error, as the PBX answers it (400, <c>{"error":{"code":"invalid_request",...}}</c>).
/// Spec: docs/connectors/hosted-pbx.md, "REST mapping (gateway)" (the bodies); the value rules come from the
/// vendor article "How to managing users" (shared/seeds/hosted-pbx-users.md): Table 1.1 "Adding/Editing Users"
/// (extension number 2–4 digits, licence Voice or Admin, outbound caller ID one of the company's numbers) and
/// Table 1.2 "Gear Icon user settings" (2–10 rings before voicemail).
/// </summary>
internal static partial class FakePbxWireFormat
{
    private sealed record Field(string Name, string Expected, Func<JsonNode?, bool> IsValid, bool Required = true);

    /// <summary>POST /api/v1/extensions and PUT /api/v1/extensions/{id}.</summary>
    public static string? ProfileError(JsonNode? body) => Check(body, "the extension profile",
        new Field("username", "a non-empty string", v => Text(v) is { Length: > 0 }),
        new Field("firstName", "a string", v => Text(v) is not null),
        new Field("lastName", "a string", v => Text(v) is not null),
        new Field("email", "a string or null", v => v is null || Text(v) is not null),
        new Field("licenseType", "'voice' or 'admin'", v => Text(v) is "voice" or "admin"),
        new Field("extension", "2–4 digits", v => Text(v) is { } s && Extension().IsMatch(s)),
        new Field("outboundCallerId", "an E.164 number", v => Text(v) is { } s && E164().IsMatch(s)),
        new Field("ringsBeforeVoicemail", "a whole number from 2 to 10", v => Number(v) is >= 2 and <= 10));

    /// <summary>PUT /api/v1/extensions/{id}/voicemail; <c>password</c> may be left out (the PBX keeps its PIN).</summary>
    public static string? VoicemailError(JsonNode? body) => Check(body, "the voicemail settings",
        new Field("enabled", "true or false", IsBool),
        new Field("email", "a string or null", v => v is null || Text(v) is not null),
        new Field("password", "a string of digits", v => Text(v) is { } s && Digits().IsMatch(s), Required: false));

    /// <summary>PUT /api/v1/extensions/{id}/forwarding.</summary>
    public static string? ForwardingError(JsonNode? body) => Check(body, "the forwarding settings",
        new Field("enabled", "true or false", IsBool),
        new Field("strategy", "'simultaneous' or 'sequential'", v => Text(v) is "simultaneous" or "sequential"),
        new Field("destinations", "a list of {type, value}", v => v is JsonArray list && list.All(d => DestinationError(d) is null)));

    /// <summary>PUT /api/v1/extensions/{id}/dnd.</summary>
    public static string? DoNotDisturbError(JsonNode? body) => Check(body, "the do-not-disturb setting",
        new Field("enabled", "true or false", IsBool));

    /// <summary>PUT /api/v1/extensions/{id}/voicemail/greeting: a WAV or MP3 recording as the raw body.</summary>
    public static string? GreetingError(string? contentType, long length) =>
        contentType is not ("audio/wav" or "audio/mpeg") ? $"The greeting must be sent as audio/wav or audio/mpeg, not '{contentType}'."
        : length == 0 ? "The greeting is empty."
        : null;

    private static string? DestinationError(JsonNode? destination) => Check(destination, "a forwarding destination",
        new Field("type", "'internal' or 'external'", v => Text(v) is "internal" or "external"),
        new Field("value", "an extension (internal) or an E.164 number (external)", v =>
            Text(v) is { } s && (Text(destination!["type"]) == "internal" ? Extension().IsMatch(s) : E164().IsMatch(s))));

    private static string? Check(JsonNode? body, string what, params Field[] fields)
    {
        if (body is not JsonObject json)
        {
            return $"The body must be {what} as a JSON object.";
        }
        if (json.Select(p => p.Key).FirstOrDefault(key => fields.All(f => f.Name != key)) is { } unknown)
        {
            return $"Unknown field '{unknown}' in {what}.";
        }
        foreach (var field in fields)
        {
            if (!json.TryGetPropertyValue(field.Name, out var value))
            {
                if (field.Required)
                {
                    return $"Missing field '{field.Name}' in {what}.";
                }
                continue;
            }
            if (!field.IsValid(value))
            {
                return $"Field '{field.Name}' in {what} must be {field.Expected}.";
            }
        }
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && int.TryParse(v.ToJsonString(), out var n) ? n : null;

    private static bool IsBool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    [GeneratedRegex("^[0-9]{2,4}$")]
    private static partial Regex Extension();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();
}
