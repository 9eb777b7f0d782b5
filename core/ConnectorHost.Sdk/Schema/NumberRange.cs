using System.Globalization;

namespace ConnectorHost.Sdk.Schema;

/// <summary>
/// A range of internal numbers a connector hands out itself (e.g. extensions a vendor would auto-generate), inclusive
/// at both ends. Allocate inside the settings validation, which the host runs in its write transaction, so two users
/// created at the same time never get the same number.
/// </summary>
/// <param name="From">First number of the range.</param>
/// <param name="To">Last number of the range (at least <paramref name="From"/>).</param>
public sealed record NumberRange(long From, long To)
{
    /// <summary>The lowest number of the range not in <paramref name="taken"/> (compared as numbers, so <c>"0100"</c> takes 100), or null when all are taken.</summary>
    public string? FirstFree(IEnumerable<string?> taken)
    {
        var used = new HashSet<long>();
        foreach (var text in taken)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                used.Add(number);
            }
        }
        for (var n = From; n <= To; n++)
        {
            if (!used.Contains(n))
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="text"/> is a number inside the range.</summary>
    public bool Contains(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= From && number <= To;

    /// <inheritdoc />
    public override string ToString() => $"{From}–{To}";
}
