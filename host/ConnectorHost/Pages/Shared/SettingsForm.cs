using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Pages.Shared;

/// <summary>
/// Turns a posted form into a settings document for a schema, and a stored document back into form fields. It only
/// shapes values (checkbox to bool, lines to list); checking them is the schema's and the connector's job in core.
/// </summary>
internal static class SettingsForm
{
    /// <summary>The document to send: typed values from the form; a secret left empty keeps the stored one; files and locked fields keep theirs.</summary>
    public static JsonObject Read(IFormCollection form, IReadOnlyList<FieldSchema> fields, string prefix, JsonObject current,
        IReadOnlyDictionary<string, SecretStatus> secrets, bool stored)
    {
        var document = new JsonObject();
        foreach (var field in fields)
        {
            var name = prefix + field.Key;
            if (field.Type == FieldType.File || (field.ReadOnlyAfterCreate && stored && current[field.Key] is not null))
            {
                if (current[field.Key] is { } kept)
                {
                    document[field.Key] = kept.DeepClone();
                }
                continue;
            }
            var raw = form[name];
            JsonNode? value = field.Type switch
            {
                FieldType.Bool => JsonValue.Create(raw.Any(v => v == "true")),
                // Ticked boxes, or one value a line when the vendor's choices could not be loaded.
                FieldType.MultiEnum => Lines(string.Join("\n", raw.OfType<string>())),
                FieldType.StringList => Lines(raw.ToString()),
                FieldType.Int => long.TryParse(raw.ToString().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : Text(raw.ToString()),
                FieldType.Secret => string.IsNullOrEmpty(raw.ToString()) && secrets.ContainsKey(field.Key)
                    ? JsonValue.Create(SchemaValidator.SecretMask)
                    : raw.ToString() is { Length: > 0 } secret ? JsonValue.Create(secret) : null,
                _ => Text(raw.ToString()),
            };
            if (value is not null)
            {
                document[field.Key] = value;
            }
        }
        return document;
    }

    /// <summary>The value a form shows: what is stored, else the schema's default.</summary>
    public static JsonNode? ValueOf(FieldSchema field, JsonObject settings) =>
        settings.TryGetPropertyValue(field.Key, out var value) ? value : field.Default;

    public static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        _ => node.ToJsonString(),
    };

    private static JsonNode? Text(string value) => value.Trim() is { Length: > 0 } trimmed ? JsonValue.Create(trimmed) : null;

    private static JsonArray Lines(string value) =>
        new(value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
}
