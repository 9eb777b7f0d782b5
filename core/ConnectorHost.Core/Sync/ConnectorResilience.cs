using System.Collections.Concurrent;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Per-connector protection of vendor calls: a timeout and a circuit breaker that stops hammering a vendor that is
/// down. Each breaker change is written to <see cref="ConnectorSyncState"/>, so the worker, the API and the CLI
/// read one answer. Retries are not here: they are durable, in the outbox.
/// </summary>
public sealed class ConnectorResilience(SyncOptions options, TimeProvider time, IServiceScopeFactory scopes, ILogger<ConnectorResilience> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.OrdinalIgnoreCase);

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

    public ResiliencePipeline PipelineFor(string connectorId) => _pipelines.GetOrAdd(connectorId, id => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            // Only vendor outages count; a rejected record or refused credentials are not an outage.
            ShouldHandle = new PredicateBuilder().Handle<VendorUnavailableException>().Handle<TimeoutRejectedException>().Handle<HttpRequestException>(),
            OnOpened = args => RecordAsync(id, CircuitStates.Open, time.GetUtcNow().UtcDateTime + args.BreakDuration),
            OnHalfOpened = _ => RecordAsync(id, CircuitStates.HalfOpen, null),
            OnClosed = _ => RecordAsync(id, CircuitStates.Closed, null),
        })
        .AddTimeout(options.GatewayTimeout)
        .Build());

    private async ValueTask RecordAsync(string connectorId, string circuit, DateTime? openUntil)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (circuit == CircuitStates.Open)
        {
            logger.LogWarning("Circuit of {Connector} opened: the vendor failed too often; the next call probes it at {OpenUntil:u}", connectorId, openUntil);
        }
        else if (circuit == CircuitStates.Closed)
        {
            logger.LogInformation("Circuit of {Connector} closed: the vendor answers again", connectorId);
        }
        try
        {
            // Its own unit of work: the breaker changes in the middle of a delivery whose changes are not saved yet.
            await using var scope = scopes.CreateAsyncScope();
            await ConnectorStates.SetCircuitAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>(), connectorId, circuit, openUntil, now);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // The vendor call must not fail because the bookkeeping did; the worker's probe records the outcome again.
            logger.LogWarning("Could not record circuit {Circuit} of {Connector}: {Error}", circuit, connectorId, ex.Message);
        }
    }
}
