using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync.GetSyncStatus;

/// <summary>Per pushing connector: how many jobs wait, how many are failing, how many are dead, when it last succeeded.</summary>
public sealed record GetSyncStatus : IQuery<IReadOnlyList<ConnectorSyncStatus>>;

/// <param name="Failing">Pending jobs that already failed at least once.</param>
/// <param name="HeldDeletes">Deletes held back as a mass deletion until an admin confirms them.</param>
/// <param name="Blocked">Why the connector is not called right now (paused after refused credentials, circuit open), or null.</param>
/// <param name="LastError">The most recent error of a pending or dead-letter job.</param>
public sealed record ConnectorSyncStatus(
    string ConnectorId,
    int Pending,
    int Failing,
    int DeadLetter,
    int HeldDeletes,
    DateTime? LastSuccess,
    string Circuit,
    string? Blocked,
    string? LastError);

internal sealed class GetSyncStatusHandler(HostDbContext db, IConnectorCatalog catalog, SyncOptions options, TimeProvider time)
    : IRequestHandler<GetSyncStatus, IReadOnlyList<ConnectorSyncStatus>>
{
    public async Task<IReadOnlyList<ConnectorSyncStatus>> Handle(GetSyncStatus request, CancellationToken cancellationToken)
    {
        var result = new List<ConnectorSyncStatus>();
        foreach (var connector in catalog.All.Where(c => c.Status == ConnectorStatus.Loaded
            && (c.Description!.Manifest.Capabilities & (ConnectorCapabilities.PushUser | ConnectorCapabilities.PushGroup)) != 0))
        {
            var id = connector.Id;
            var counts = await db.SyncJobs.Where(j => j.ConnectorId == id && (j.Status == SyncJobStatus.Pending || j.Status == SyncJobStatus.DeadLetter))
                .GroupBy(j => new { j.Status, Failing = j.Attempts > 0 })
                .Select(g => new { g.Key.Status, g.Key.Failing, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var lastSuccess = await db.VendorLinks.Where(l => l.ConnectorId == id).MaxAsync(l => (DateTime?)l.LastSyncedAt, cancellationToken);
            var lastError = await db.SyncJobs.Where(j => j.ConnectorId == id && j.LastError != null && (j.Status == SyncJobStatus.Pending || j.Status == SyncJobStatus.DeadLetter))
                .OrderByDescending(j => j.Id).Select(j => j.LastError).FirstOrDefaultAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var held = await DeleteGuard.HeldDeletesAsync(db, options, id, now, cancellationToken);
            var state = await ConnectorStates.ReadAsync(db, id, cancellationToken);
            result.Add(new ConnectorSyncStatus(
                id,
                counts.Where(c => c.Status == SyncJobStatus.Pending).Sum(c => c.Count),
                counts.Where(c => c.Status == SyncJobStatus.Pending && c.Failing).Sum(c => c.Count),
                counts.Where(c => c.Status == SyncJobStatus.DeadLetter).Sum(c => c.Count),
                held,
                lastSuccess,
                ConnectorStates.CircuitOf(state, now),
                ConnectorStates.BlockedReason(state, now),
                lastError));
        }
        return result;
    }
}
