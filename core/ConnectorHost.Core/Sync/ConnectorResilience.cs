using System.Collections.Concurrent;
using ConnectorHost.Sdk.Gateway;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Per-connector protection of vendor calls: a timeout, a circuit breaker that stops hammering a vendor that is
/// down, and a pause after refused credentials. Retries are not here: they are durable, in the outbox.
/// </summary>
public sealed class ConnectorResilience(SyncOptions options, TimeProvider time)
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

    private sealed class Entry
    {
        public required ResiliencePipeline Pipeline { get; init; }
        public required CircuitBreakerStateProvider Breaker { get; init; }
        public DateTime? PausedUntil { get; set; }
        public string? PauseReason { get; set; }
    }

    public ResiliencePipeline PipelineFor(string connectorId) => EntryFor(connectorId).Pipeline;

    /// <summary>Null when the connector may be called now, else why not.</summary>
    public string? BlockedReason(string connectorId)
    {
        var entry = EntryFor(connectorId);
        if (entry.PausedUntil is { } until && until > time.GetUtcNow().UtcDateTime)
        {
            return $"{entry.PauseReason} Paused until {until:u}.";
        }
        return entry.Breaker.CircuitState is Polly.CircuitBreaker.CircuitState.Open or Polly.CircuitBreaker.CircuitState.Isolated
            ? "Circuit open: the vendor failed too often; calls resume after the break."
            : null;
    }

    public string CircuitStateOf(string connectorId) => EntryFor(connectorId).Breaker.CircuitState.ToString();

    public void Pause(string connectorId, string reason)
    {
        var entry = EntryFor(connectorId);
        entry.PausedUntil = time.GetUtcNow().UtcDateTime + options.AuthFailurePause;
        entry.PauseReason = reason;
    }

    public void ClearPause(string connectorId) => EntryFor(connectorId).PausedUntil = null;

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
                ShouldHandle = new PredicateBuilder().Handle<VendorUnavailableException>().Handle<TimeoutRejectedException>().Handle<HttpRequestException>(),
            })
            .AddTimeout(options.GatewayTimeout)
            .Build();
        return new Entry { Pipeline = pipeline, Breaker = breaker };
    });
}
