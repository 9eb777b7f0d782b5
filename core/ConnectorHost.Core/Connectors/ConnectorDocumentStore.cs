using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Hosting;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Connectors;

internal sealed class ConnectorDocumentStore(HostDbContext db, string connectorId) : IConnectorStore
{
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken)
    {
        var documents = await db.ConnectorDocuments.AsNoTracking()
            .Where(d => d.ConnectorId == connectorId && d.Collection == collection)
            .OrderBy(d => d.Key)
            .ToListAsync(cancellationToken);
        return documents.Select(ToStored).ToList();
    }

    public async Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var document = await db.ConnectorDocuments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.ConnectorId == connectorId && d.Collection == collection && d.Key == key, cancellationToken);
        return document is null ? null : ToStored(document);
    }

    public async Task<StoredDocument> PutAsync(string collection, string key, JsonObject document, int? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await db.ConnectorDocuments.FindAsync([connectorId, collection, key], cancellationToken);
        if (expectedVersion is { } expected && (stored?.Version ?? 0) != expected)
        {
            throw new ConnectorStoreConflictException($"{collection}/{key} was changed by someone else (version {stored?.Version ?? 0}, expected {expected}).");
        }
        if (stored is null)
        {
            stored = new ConnectorDocument { ConnectorId = connectorId, Collection = collection, Key = key, UpdatedAt = DateTime.UtcNow };
            db.ConnectorDocuments.Add(stored);
        }
        else
        {
            stored.MarkChanged();
        }
        stored.Json = document.ToJsonString();
        // Flush so later reads in the same action see the write (the transaction still decides).
        await db.SaveChangesAsync(cancellationToken);
        return ToStored(stored);
    }

    public async Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var stored = await db.ConnectorDocuments.FindAsync([connectorId, collection, key], cancellationToken);
        if (stored is null)
        {
            return false;
        }
        db.ConnectorDocuments.Remove(stored);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static StoredDocument ToStored(ConnectorDocument d) => new(d.Key, DirectoryQueries.Parse(d.Json), d.Version);
}
