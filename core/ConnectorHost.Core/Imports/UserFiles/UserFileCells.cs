using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>
/// Cell text ↔ values. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is written
/// with a leading apostrophe (CsvHelper's injection escape); on import such an apostrophe is dropped again, so an
/// export imports back unchanged, and a formula-like cell without it is kept as the text it is.
/// </summary>
internal static class UserFileCells
{
    public const char InjectionEscape = '\'';
    private static readonly char[] InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'];

    public static string Unescape(string value) =>
        value.Length > 1 && value[0] == InjectionEscape && Array.IndexOf(InjectionCharacters, value[1]) >= 0 ? value[1..] : value;

    public static bool? ParseFlag(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "y" or "on" or "ja" or "wahr" => true,
        "false" or "no" or "0" or "n" or "off" or "nein" or "falsch" => false,
        _ => null,
    };

    public static IReadOnlyList<string> SplitList(string value, string separator) =>
        value.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The JSON value of a settings cell, typed by the field so the schema check sees what the API would get; a cell
    /// that does not parse stays text and the schema check names the column.
    /// </summary>
    public static JsonNode? ToJson(FieldSchema field, string cell, string listSeparator) => field.Type switch
    {
        FieldType.Bool => ParseFlag(cell) is { } flag ? JsonValue.Create(flag) : JsonValue.Create(cell),
        FieldType.Int => long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(cell),
        FieldType.MultiEnum or FieldType.StringList => new JsonArray([.. SplitList(cell, listSeparator).Select(v => (JsonNode?)JsonValue.Create(v))]),
        _ => JsonValue.Create(cell),
    };

    /// <summary>The cell text of a stored settings value (lists joined by the separator, booleans as true/false).</summary>
    public static string FromJson(JsonNode? value, string listSeparator) => value switch
    {
        null => "",
        JsonArray list => string.Join(listSeparator, list.Select(v => FromJson(v, listSeparator))),
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => scalar.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };
}
