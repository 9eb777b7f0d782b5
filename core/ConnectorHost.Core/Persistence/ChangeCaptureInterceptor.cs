using ConnectorHost.Core.Audit;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The things every save of <see cref="HostDbContext"/> also does, in the same transaction as the change:
/// keep uploaded files apart and encrypt the secret fields of settings documents (<see cref="SettingsSecrets"/>),
/// queue sync jobs for the connectors (<see cref="Outbox"/>), move the version of entities changed without
/// <c>MarkChanged</c>, and write the audit trail (<see cref="AuditTrail"/>). A save made on a connector's behalf
/// (<see cref="ChangeOrigin"/>) queues no sync jobs and is audited with the connector as the actor. Registered with the context in
/// <c>AddConnectorHostCore</c>; a context built without it (migrations) captures nothing.
/// </summary>
internal sealed class ChangeCaptureInterceptor(IConnectorCatalog catalog, ICurrentActor actor, ChangeOrigin origin, TimeProvider time, SettingsSecrets secrets) : SaveChangesInterceptor
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
        // Sync and import bookkeeping is not an admin's change (an import job audits itself once, when it ends); auditing or syncing it would bury the real history. File bytes are
        // content, not a change: the settings document that refers to them is audited with their hash.
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not (AuditEntry or SyncJob or VendorLink or ConnectorSyncState or StoredFile or ImportJob or ImportRowResult)
                && !Access.AccessBookkeeping.OnlyBookkeeping(e))
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await StoreFilesAsync(db, entries, now, cancellationToken);
        SealSecrets(entries, now);
        if (origin.Connector is null)
        {
            // A document whose only change is how its values are kept (a secret sealed, a pushed write-only secret
            // erased, a file moved out) shows the vendor nothing new: pushing it again would be a loop.
            var changes = entries.Where(e => !(e is { Entity: IConnectorSetting, State: EntityState.Modified }
                && secrets.SameForVendor((string?)e.OriginalValues[nameof(IConnectorSetting.Json)], ((IConnectorSetting)e.Entity).Json))).ToList();
            await Outbox.EnqueueAsync(db, catalog, changes, now, cancellationToken);
        }
        StampVersions(entries);
        AuditTrail.Record(db, entries, catalog, ActorOf(origin, actor), now);
    }

    /// <summary>Who a save is audited as.</summary>
    internal static string ActorOf(ChangeOrigin origin, ICurrentActor actor) =>
        origin.Connector is { } connector ? ChangeOrigin.ActorOf(connector) : origin.Actor ?? actor.Name;

    /// <summary>Uploaded bytes never stay inside a settings document, whoever wrote it: they become a stored file and a reference.</summary>
    private async Task StoreFilesAsync(HostDbContext db, IReadOnlyList<EntityEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (entry is { Entity: IConnectorSetting document, State: EntityState.Added or EntityState.Modified }
                && document.Json.Contains("\"data\"", StringComparison.Ordinal)
                && catalog.Find(document.ConnectorId)?.Description?.Schema is { } schema)
            {
                var current = DirectoryQueries.Parse(document.Json);
                var stored = await Files.FileFields.StoreAsync(db, ConnectorSettings.Owners.SettingsOwnerKind.Of(document).Fields(schema), current, now, cancellationToken);
                if (!ReferenceEquals(stored, current))
                {
                    document.Json = stored.ToJsonString();
                }
            }
        }
    }

    /// <summary>
    /// No secret reaches the file in clear, whoever wrote the document (a use case, a plugin through the directory
    /// writer, a future kind of settings): the connector's schema says which fields to encrypt.
    /// </summary>
    private void SealSecrets(IReadOnlyList<EntityEntry> entries, DateTime now)
    {
        foreach (var entry in entries)
        {
            if (entry is not { Entity: IConnectorSetting document, State: EntityState.Added or EntityState.Modified }
                || catalog.Find(document.ConnectorId)?.Description?.Schema is not { } schema)
            {
                continue;
            }
            var current = DirectoryQueries.Parse(document.Json);
            var original = entry.State == EntityState.Modified ? DirectoryQueries.Parse((string?)entry.OriginalValues[nameof(IConnectorSetting.Json)]) : null;
            var sealedJson = secrets.Seal(ConnectorSettings.Owners.SettingsOwnerKind.Of(document).Fields(schema), current, original, now).ToJsonString();
            if (sealedJson != document.Json)
            {
                document.Json = sealedJson;
            }
        }
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
