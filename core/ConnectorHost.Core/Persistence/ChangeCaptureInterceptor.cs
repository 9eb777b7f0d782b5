using ConnectorHost.Core.Audit;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The three things every save of <see cref="HostDbContext"/> also does, in the same transaction as the change:
/// queue sync jobs for the connectors (<see cref="Outbox"/>), move the version of entities changed without
/// <c>MarkChanged</c>, and write the audit trail (<see cref="AuditTrail"/>). A save made on a connector's behalf
/// (<see cref="ChangeOrigin"/>) queues no sync jobs and is audited with the connector as the actor. Registered with the context in
/// <c>AddConnectorHostCore</c>; a context built without it (migrations) captures nothing.
/// </summary>
internal sealed class ChangeCaptureInterceptor(IConnectorCatalog catalog, ICurrentActor actor, ChangeOrigin origin, TimeProvider time) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is HostDbContext db)
        {
            await CaptureAsync(db, cancellationToken);
        }
        return result;
    }

    // Every caller saves asynchronously; a synchronous save would have to block on the outbox's queries.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException("HostDbContext is saved with SaveChangesAsync only: the save queues sync jobs and audit rows asynchronously.");

    private async Task CaptureAsync(HostDbContext db, CancellationToken cancellationToken)
    {
        // Sync bookkeeping is not an admin's change; auditing or syncing it would bury the real history.
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not (AuditEntry or SyncJob or VendorLink or ConnectorSyncState))
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (origin.Connector is null)
        {
            await Outbox.EnqueueAsync(db, catalog, entries, now, cancellationToken);
        }
        StampVersions(entries);
        AuditTrail.Record(db, entries, catalog, origin.Connector is { } connector ? ChangeOrigin.ActorOf(connector) : actor.Name, now);
    }

    /// <summary>Safety net for a handler that changed an entity without MarkChanged: the version must still move.</summary>
    private static void StampVersions(IReadOnlyList<EntityEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry is { Entity: IVersioned versioned, State: EntityState.Modified }
                && versioned.Version == (int)entry.OriginalValues[nameof(IVersioned.Version)]!)
            {
                versioned.MarkChanged();
            }
        }
    }
}
