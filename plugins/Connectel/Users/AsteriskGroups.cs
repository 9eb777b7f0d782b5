using System.Globalization;

namespace Connectel.Users;

/// <summary>
/// Asterisk call and pickup groups (<c>callgroup</c>, <c>pickupgroup</c> peer columns): numbers 0–63 written as a
/// comma list of numbers and ranges, e.g. <c>1,3-5</c>. A call ringing at A can be picked up by B when one of A's
/// call groups is one of B's pickup groups.
/// </summary>
internal static class AsteriskGroups
{
    public const int Max = 63;

    /// <summary>The groups in <paramref name="text"/>, or the reason it is not valid Asterisk syntax (naming the bad part).</summary>
    public static (IReadOnlySet<int> Groups, string? Error) Parse(string? text)
    {
        var groups = new SortedSet<int>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (groups, null);
        }
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (fromText, toText) = dash < 0 ? (part, part) : (part[..dash].Trim(), part[(dash + 1)..].Trim());
            if (!TryGroup(fromText, out var from) || !TryGroup(toText, out var to))
            {
                return (groups, $"'{part}' is not a group number 0–{Max} or a range such as 3-5");
            }
            if (to < from)
            {
                return (groups, $"range '{part}' runs backwards");
            }
            for (var g = from; g <= to; g++)
            {
                groups.Add(g);
            }
        }
        return (groups, null);
    }

    /// <summary>The normalized text: no spaces, as sent otherwise (<c>1, 3 - 5</c> → <c>1,3-5</c>).</summary>
    public static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The groups of an already validated text (empty when unset).</summary>
    public static IReadOnlySet<int> Of(string? text) => Parse(text).Groups;

    private static bool TryGroup(string text, out int group) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out group) && group <= Max;
}
