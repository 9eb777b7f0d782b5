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
    public async Task<IDisposable> LockEntityAsync(string connectorId, Guid entityId, CancellationToken cancellationToken)
    {
        var gate = _entityLocks[(uint)HashCode.Combine(StringComparer.Ordinal.GetHashCode(connectorId), entityId) % (uint)_entityLocks.Length];
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    public ResiliencePipeline PipelineFor(string connectorId) => EntryFor(connectorId).Pipeline;

    /// <summary>
    /// After a vendor call: mirrors the breaker into <see cref="ConnectorSyncState"/> when the call changed it. An
    /// answer closes the circuit; an outage that left this process's breaker open opens it until the break ends.
    /// Done by the caller, in its flow, so the next reader sees it (Polly's own callbacks run later, in the background).
    /// </summary>
    public async Task RecordCallAsync(HostDbContext db, string connectorId, Exception? failure, CancellationToken cancellationToken) =>
        await RecordCallAsync(db, connectorId, failure, await ConnectorStates.ReadAsync(db, connectorId, cancellationToken));

    /// <inheritdoc cref="RecordCallAsync(HostDbContext, string, Exception?, CancellationToken)"/>
    /// <param name="before">The state read just before the call (saves a read per delivery).</param>
    public async Task RecordCallAsync(HostDbContext db, string connectorId, Exception? failure, ConnectorSyncState? before)
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
            }
            return;
        }
        if (circuit != CircuitStates.Open && EntryFor(connectorId).Breaker.CircuitState is CircuitState.Open or CircuitState.Isolated)
        {
            await OpenAsync(db, connectorId, now);
        }
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
