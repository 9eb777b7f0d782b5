using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Hosting;

/// <summary>The one definition of "this settings field holds this value", shared by the host and test directories.</summary>
public static class SettingLookup
{
    /// <summary>
    /// True when the top-level <paramref name="field"/> of <paramref name="settings"/> equals <paramref name="value"/>:
    /// a JSON string compared by <paramref name="match"/>, a JSON integer by its decimal text (42 matches "42"). A
    /// missing field, null, true/false, a fraction, a list or an object (which is also how secrets and files are kept) never matches.
    /// </summary>
    public static bool Matches(JsonObject settings, string field, string value, SettingMatch match) =>
        TextOf(settings, field) is { } text
        && (match == SettingMatch.IgnoreAsciiCase ? EqualsIgnoringAsciiCase(text, value) : string.Equals(text, value, StringComparison.Ordinal));

    /// <summary>
    /// The value of the top-level <paramref name="field"/> as a lookup sees it: a JSON string as is, a JSON integer as its
    /// decimal text; null for anything <see cref="Matches"/> never matches (missing, null, booleans, fractions, lists,
    /// objects, so also secrets and files).
    /// </summary>
    public static string? TextOf(JsonObject settings, string field)
    {
        if (settings[field] is not JsonValue stored)
        {
            return null;
        }
        return stored.GetValueKind() switch
        {
            JsonValueKind.String => stored.GetValue<string>(),
            // Parsed from the JSON text: values built in code (int, long) and parsed values read alike.
            JsonValueKind.Number when long.TryParse(stored.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) =>
                number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static bool EqualsIgnoringAsciiCase(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && (!char.IsAsciiLetter(a[i]) || (a[i] | 0x20) != (b[i] | 0x20)))
            {
                return false;
            }
        }
        return true;
    }
}
