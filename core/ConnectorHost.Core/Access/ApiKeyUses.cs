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
        pending.AddOrUpdate(keyId, usedAt, (_, earlier) => usedAt > earlier ? usedAt : earlier);

    public IReadOnlyList<KeyValuePair<Guid, DateTime>> Pending() => pending.ToArray();

    public DateTime? PendingFor(Guid keyId) => pending.TryGetValue(keyId, out var at) ? at : null;

    /// <summary>Forgets a use once written, unless a newer one came in meanwhile.</summary>
    public void Written(KeyValuePair<Guid, DateTime> use) => pending.TryRemove(use);
}
