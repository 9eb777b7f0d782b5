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
    public static bool Matches(JsonObject settings, string field, string value, SettingMatch match)
    {
        if (settings[field] is not JsonValue stored)
        {
            return false;
        }
        switch (stored.GetValueKind())
        {
            case JsonValueKind.String:
                var text = stored.GetValue<string>();
                return match == SettingMatch.IgnoreAsciiCase ? EqualsIgnoringAsciiCase(text, value) : string.Equals(text, value, StringComparison.Ordinal);
            case JsonValueKind.Number:
                // Parsed from the JSON text: values built in code (int, long) and parsed values read alike.
                return long.TryParse(stored.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && string.Equals(number.ToString(CultureInfo.InvariantCulture), value, StringComparison.Ordinal);
            default:
                return false;
        }
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
