using System.Collections.Concurrent;

namespace ConnectorHost.Core.Access;

/// <summary>
/// API key last-use times not yet written. Recording a use never touches the database, so a request authenticated by
/// key is never held up behind a long write (a fail-mode import holds the write lock for its whole file); the host
/// writes them in the background with <see cref="AuthenticateApiKey.TouchApiKeys"/>, and listings show them at once.
/// </summary>
public sealed class ApiKeyUses
{
    private readonly ConcurrentDictionary<Guid, DateTime> pending = new();

    public void Record(Guid keyId, DateTime usedAt) =>
        pending.AddOrUpdate(keyId, usedAt, (_, earlier) => Latest(earlier, usedAt));

    public IReadOnlyList<KeyValuePair<Guid, DateTime>> Pending() => pending.ToArray();

    /// <summary>The key's last use: the written one, or a later one not yet written.</summary>
    public DateTime? LastUseOf(Guid keyId, DateTime? written) =>
        pending.TryGetValue(keyId, out var recorded) ? Latest(written, recorded) : written;

    /// <summary>The later of two uses; uses can arrive out of order (concurrent requests, a round that failed).</summary>
    public static DateTime Latest(DateTime? known, DateTime used) => known is { } at && at > used ? at : used;

    /// <summary>Forgets a use once written, unless a newer one came in meanwhile.</summary>
    public void Written(KeyValuePair<Guid, DateTime> use) => pending.TryRemove(use);
}
