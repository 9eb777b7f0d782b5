using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;

namespace ConnectorHost.Testing;

/// <summary>An in-memory <see cref="IConnectorStore"/> with the same version rules as the host's.</summary>
public sealed class InMemoryConnectorStore : IConnectorStore
{
    private readonly ConcurrentDictionary<(string Collection, string Key), StoredDocument> _documents = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>(_documents
            .Where(d => d.Key.Collection == collection)
            .Select(d => Copy(d.Value))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList());

    /// <inheritdoc />
    public Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue((collection, key), out var d) ? Copy(d) : null);

    /// <inheritdoc />
    public Task<StoredDocument> PutAsync(string collection, string key, JsonObject document, int? expectedVersion, CancellationToken cancellationToken)
    {
        var current = _documents.TryGetValue((collection, key), out var d) ? d : null;
        if (expectedVersion is { } expected && (current?.Version ?? 0) != expected)
        {
            throw new ConnectorStoreConflictException($"{collection}/{key} was changed by someone else (version {current?.Version ?? 0}, expected {expected}).");
        }
        var stored = new StoredDocument(key, (JsonObject)document.DeepClone(), (current?.Version ?? 0) + 1);
        _documents[(collection, key)] = stored;
        return Task.FromResult(Copy(stored));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryRemove((collection, key), out _));

    private static StoredDocument Copy(StoredDocument d) => d with { Document = (JsonObject)d.Document.DeepClone() };
}
