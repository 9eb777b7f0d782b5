using System.Collections.Concurrent;

namespace CommPeak.Dialer.Gateway;

/// <summary>
/// The vendor lists (roles, skill groups, tags, desks) as last read from CommPeak, id → name, so a preview can say
/// which of a user's ids CommPeak no longer offers without calling CommPeak itself.
/// </summary>
internal sealed class CommPeakOptionLists
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _lists = new(StringComparer.Ordinal);

    public void Remember(string key, IEnumerable<(string Id, string Name)> items) =>
        _lists[key] = items.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

    /// <summary>The last list read for <paramref name="key"/>, or null when none was read yet.</summary>
    public IReadOnlyDictionary<string, string>? Last(string key) => _lists.GetValueOrDefault(key);
}
