using System.Collections.Concurrent;
using ConnectorHost.Core.Persistence;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Per-connector protection of vendor calls: a timeout and a circuit breaker that stops hammering a vendor that is
/// down. The breaker's state is mirrored into <see cref="ConnectorSyncState"/> (<see cref="RecordCallAsync"/>), so
/// the worker, the API and the CLI read one answer. Retries are not here: they are durable, in the outbox.
/// </summary>
public sealed class ConnectorResilience(SyncOptions options, TimeProvider time, ILogger<ConnectorResilience> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    // Striped locks: one entity is never pushed by the worker and an on-demand push at the same time.
    private readonly SemaphoreSlim[] _entityLocks = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits until no other push of this entity to this connector runs; dispose the result to release.</summary>
    public Task<IDisposable> LockEntityAsync(string connectorId, Guid entityId, CancellationToken cancellationToken) =>
        LockEntitiesAsync(connectorId, [entityId], cancellationToken);

    /// <summary>
    /// <see cref="LockEntityAsync"/> for a batch delivered together. Stripes are taken once each and in ascending
    /// order, so two batches (or a batch and a single push) can never wait for each other in a circle.
    /// </summary>
    public async Task<IDisposable> LockEntitiesAsync(string connectorId, IEnumerable<Guid> entityIds, CancellationToken cancellationToken)
    {
        var connectorHash = StringComparer.Ordinal.GetHashCode(connectorId);
        var stripes = entityIds.Select(id => (int)((uint)HashCode.Combine(connectorHash, id) % (uint)_entityLocks.Length)).Distinct().Order().ToList();
        var taken = new List<SemaphoreSlim>(stripes.Count);
        try
        {
            foreach (var stripe in stripes)
            {
                await _entityLocks[stripe].WaitAsync(cancellationToken);
                taken.Add(_entityLocks[stripe]);
            }
        }
        catch
        {
            new Release(taken).Dispose();
            throw;
        }
        return new Release(taken);
    }

    private sealed class Release(List<SemaphoreSlim> gates) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                foreach (var gate in gates)
                {
                    gate.Release();
                }
            }
        }
    }

    public ResiliencePipeline PipelineFor(string connectorId) => EntryFor(connectorId).Pipeline;

    /// <summary>
    /// After a vendor call: mirrors the breaker into <see cref="ConnectorSyncState"/> when the call changed it. An
    /// answer closes the circuit; an outage that left this process's breaker open opens it until the break ends.
    /// Done by the caller, in its flow, so the next reader sees it (Polly's own callbacks run later, in the background).
    /// </summary>
    public async Task<bool> RecordCallAsync(HostDbContext db, string connectorId, Exception? failure, CancellationToken cancellationToken) =>
        await RecordCallAsync(db, connectorId, failure, await ConnectorStates.ReadAsync(db, connectorId, cancellationToken));

    /// <inheritdoc cref="RecordCallAsync(HostDbContext, string, Exception?, CancellationToken)"/>
    /// <param name="before">The state read just before the call (saves a read per delivery).</param>
    /// <returns>True when the stored state changed (a caller recording several calls reads it again).</returns>
    public async Task<bool> RecordCallAsync(HostDbContext db, string connectorId, Exception? failure, ConnectorSyncState? before)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var circuit = ConnectorStates.CircuitOf(before, now);
        if (failure is null || !VendorFailures.IsOutage(failure))
        {
            // The vendor answered (a refusal is an answer too).
            if (circuit != CircuitStates.Closed && failure is not (BrokenCircuitException or IsolatedCircuitException))
            {
                await ConnectorStates.SetCircuitAsync(db, connectorId, CircuitStates.Closed, null, now);
                logger.LogInformation("Circuit of {Connector} closed: the vendor answers again", connectorId);
                return true;
            }
            return false;
        }
        if (circuit != CircuitStates.Open && EntryFor(connectorId).Breaker.CircuitState is CircuitState.Open or CircuitState.Isolated)
        {
            await OpenAsync(db, connectorId, now);
            return true;
        }
        return false;
    }

    /// <summary>Opens the circuit for one break (also when this process's breaker does not know yet, e.g. after a restart).</summary>
    public async Task OpenAsync(HostDbContext db, string connectorId, DateTime now)
    {
        var until = now + options.BreakerBreakDuration;
        await ConnectorStates.SetCircuitAsync(db, connectorId, CircuitStates.Open, until, now);
        logger.LogWarning("Circuit of {Connector} open: the vendor failed too often; the next call probes it at {OpenUntil:u}", connectorId, until);
    }

    private sealed record Entry(ResiliencePipeline Pipeline, CircuitBreakerStateProvider Breaker);

    private Entry EntryFor(string connectorId) => _entries.GetOrAdd(connectorId, _ =>
    {
        var breaker = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = breaker,
                // Only vendor outages count; a rejected record or refused credentials are not an outage.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && VendorFailures.IsOutage(ex)),
            })
            .AddTimeout(options.GatewayTimeout)
            .Build();
        return new Entry(pipeline, breaker);
    });
}
