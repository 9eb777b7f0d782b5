using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Gateway;

/// <summary>Reads values out of a vendor's JSON answer without trusting its shape.</summary>
public static class VendorJson
{
    /// <summary><paramref name="node"/> as <typeparamref name="T"/>, or a <see cref="VendorUnavailableException"/> naming what was missing.</summary>
    public static T Expect<T>(JsonNode? node, string vendor, string what) where T : JsonNode =>
        node as T ?? throw new VendorUnavailableException($"{vendor} answered with unexpected JSON: {what} is missing or has the wrong type.");

    /// <summary>A JSON string, or a number as its text; null otherwise.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s
        : node is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString()
        : null;

    /// <summary>A whole number sent as a JSON number or as digits in a string; null otherwise.</summary>
    public static long? Number(JsonNode? node) =>
        // Parsed from the text so values built in memory (an int-backed JsonValue) read like parsed JSON.
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
        : node is JsonValue s && s.TryGetValue(out string? text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
