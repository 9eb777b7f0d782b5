using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Sync;

/// <summary>
/// Delivers the outbox: per connector, the entities with due jobs, oldest first, several entities at once
/// (never one entity twice at once). Everything it knows lives in the database, so a restart resumes.
/// </summary>
internal sealed class SyncWorker(
    IServiceScopeFactory scopes,
    IConnectorCatalog catalog,
    ConnectorResilience resilience,
    SyncOptions options,
    TimeProvider time,
    ILogger<SyncWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            foreach (var connector in catalog.All.Where(c => c.Status == ConnectorStatus.Loaded
                && (c.Description!.Manifest.Capabilities & (ConnectorCapabilities.PushUser | ConnectorCapabilities.PushGroup)) != 0))
            {
                try
                {
                    delivered += await RunConnectorAsync(connector.Id, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Sync round for {Connector} failed; it is retried on the next round", connector.Id);
                }
            }
            if (delivered == 0)
            {
                try
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Delivers one round for one connector; returns how many entities were delivered.</summary>
    internal async Task<int> RunConnectorAsync(string connectorId, CancellationToken cancellationToken)
    {
        if (resilience.BlockedReason(connectorId) is not null)
        {
            return 0;
        }
        List<(SyncEntityType Type, Guid Id)> due;
        bool holdDeletes;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            holdDeletes = await DeleteGuardProbe.HeldAsync(db, options, connectorId, now, cancellationToken);
            // An entity is due when all its jobs are (a fresh change does not cut a vendor's Retry-After short);
            // entities with held deletes stay out of the batch, so they cannot crowd out everyone else.
            var rows = await db.SyncJobs.AsNoTracking()
                .Where(j => j.ConnectorId == connectorId && j.Status == SyncJobStatus.Pending)
                .GroupBy(j => new { j.EntityType, j.EntityId })
                .Select(g => new
                {
                    g.Key.EntityType,
                    g.Key.EntityId,
                    First = g.Min(j => j.Id),
                    Due = g.Max(j => j.NextAttemptAt),
                    HeldDeletes = g.Count(j => j.Operation == SyncOperation.Delete && !j.DeleteConfirmed),
                })
                .Where(g => g.Due <= now && (!holdDeletes || g.HeldDeletes == 0))
                .OrderBy(g => g.First)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            due = rows.Select(r => (r.EntityType, r.EntityId)).ToList();
        }
        if (due.Count == 0)
        {
            return 0;
        }

        var delivered = 0;
        // Users before groups: a group push can only assign members that already exist at the vendor.
        foreach (var phase in due.GroupBy(e => e.Type).OrderBy(g => g.Key == SyncEntityType.User ? 0 : 1))
        {
            await Parallel.ForEachAsync(phase, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrencyPerConnector, CancellationToken = cancellationToken },
                async (entity, ct) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<SyncDelivery>().DeliverAsync(connectorId, entity.Type, entity.Id, ct, allowUnconfirmedDeletes: !holdDeletes);
                    if (outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Skipped)
                    {
                        Interlocked.Increment(ref delivered);
                    }
                });
        }
        return delivered;
    }
}
