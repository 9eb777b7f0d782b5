using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// One delivery round of the outbox: per connector, the entities with due jobs, oldest first, several entities at
/// once (never one entity twice at once). After a circuit break, the round is a probe: the oldest pending change
/// alone, so a vendor that is back closes the circuit and delivery resumes by itself, in order.
/// Everything it knows lives in the database, so a restart (or another process) sees the same state.
/// </summary>
public sealed class SyncRound(
    IServiceScopeFactory scopes,
    IConnectorCatalog catalog,
    SyncOptions options,
    ConnectorResilience resilience,
    TimeProvider time,
    ILogger<SyncRound> logger)
{
    /// <summary>Runs one round for every loaded pushing connector; returns how many entities were delivered.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var connector in catalog.All.Where(c => c.Status == ConnectorStatus.Loaded
            && (c.Description!.Manifest.Capabilities & (ConnectorCapabilities.PushUser | ConnectorCapabilities.PushGroup)) != 0))
        {
            try
            {
                delivered += await RunConnectorAsync(connector.Id, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Sync round for {Connector} failed; it is retried on the next round", connector.Id);
            }
        }
        return delivered;
    }

    /// <summary>Delivers one round for one connector; returns how many entities were delivered.</summary>
    public async Task<int> RunConnectorAsync(string connectorId, CancellationToken cancellationToken)
    {
        List<(SyncEntityType Type, Guid Id)> due;
        bool holdDeletes;
        bool probe;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var state = await ConnectorStates.ReadAsync(db, connectorId, cancellationToken);
            if (ConnectorStates.BlockedReason(state, now) is not null)
            {
                return 0;
            }
            probe = ConnectorStates.CircuitOf(state, now) == CircuitStates.HalfOpen;
            holdDeletes = await DeleteGuard.HeldDeletesAsync(db, options, connectorId, now, cancellationToken) > 0;
            // An entity is due when all its jobs are (a fresh change does not cut a vendor's Retry-After short);
            // entities with held deletes stay out of the batch, so they cannot crowd out everyone else. A probe
            // takes the oldest change whatever its schedule: it is the one that should go first once the vendor is back.
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
                .Where(g => (probe || g.Due <= now) && (!holdDeletes || g.HeldDeletes == 0))
                .OrderBy(g => g.First)
                .Take(probe ? 1 : options.BatchSize)
                .ToListAsync(cancellationToken);
            due = rows.Select(r => (r.EntityType, r.EntityId)).ToList();
        }
        if (due.Count == 0)
        {
            return 0;
        }
        if (probe)
        {
            return await ProbeAsync(connectorId, due[0], holdDeletes, cancellationToken);
        }

        var delivered = 0;
        // Users before groups: a group push can only assign members that already exist at the vendor. Each chunk is
        // one batch (read together, pushed in parallel, recorded in one commit); see SyncDelivery.DeliverManyAsync.
        foreach (var phase in due.GroupBy(e => e.Type).OrderBy(g => g.Key == SyncEntityType.User ? 0 : 1))
        {
            foreach (var chunk in phase.Select(e => e.Id).Chunk(ChunkSize))
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcomes = await scope.ServiceProvider.GetRequiredService<SyncDelivery>()
                    .DeliverManyAsync(connectorId, phase.Key, chunk, cancellationToken, allowUnconfirmedDeletes: !holdDeletes);
                delivered += outcomes.Count(o => o is DeliveryOutcome.Delivered or DeliveryOutcome.Skipped);
            }
        }
        return delivered;
    }

    /// <summary>
    /// Entities per batch: large enough that a commit serves many deliveries, small enough that an on-demand push of
    /// an entity in the batch waits only briefly and a crash repeats little.
    /// </summary>
    private int ChunkSize => Math.Max(1, options.MaxConcurrencyPerConnector) * 16;

    /// <summary>
    /// The first call after a break. The vendor answered: close the circuit and make every waiting retry due now, so the
    /// backlog follows in its original order instead of each job waiting out the backoff it earned during the outage.
    /// Still down: open the circuit for another break (the breaker may not know: a restarted host starts closed).
    /// </summary>
    private async Task<int> ProbeAsync(string connectorId, (SyncEntityType Type, Guid Id) entity, bool holdDeletes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SyncDelivery>()
            .DeliverAsync(connectorId, entity.Type, entity.Id, cancellationToken, allowUnconfirmedDeletes: !holdDeletes, probe: true);
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                // The delivery closed the circuit; the backlog may go.
                var released = await db.SyncJobs
                    .Where(j => j.ConnectorId == connectorId && j.Status == SyncJobStatus.Pending && j.NextAttemptAt > now)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.NextAttemptAt, now), cancellationToken);
                logger.LogInformation("{Connector} answers again; {Released} waiting job(s) resume now", connectorId, released);
                return 1;
            case DeliveryOutcome.Skipped:
                // Nothing reached the vendor: no verdict yet, the next round probes with the next change.
                return 1;
            case DeliveryOutcome.RetryScheduled or DeliveryOutcome.Blocked:
                var state = await ConnectorStates.ReadAsync(db, connectorId, cancellationToken);
                if (ConnectorStates.BlockedReason(state, now) is null)
                {
                    await resilience.OpenAsync(db, connectorId, now);
                }
                return 0;
            default:
                return 0;
        }
    }
}
