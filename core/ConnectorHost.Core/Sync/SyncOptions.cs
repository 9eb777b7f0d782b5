namespace ConnectorHost.Core.Sync;

/// <summary>Sync engine settings (section "Sync"); defaults suit a production vendor API.</summary>
public sealed class SyncOptions
{
    /// <summary>How often the worker looks for due jobs when idle.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entities picked per connector per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Deliveries in flight at once per connector (different entities; one entity is never concurrent).</summary>
    public int MaxConcurrencyPerConnector { get; set; } = 4;

    /// <summary>Failed attempts before a job goes to dead-letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt, with ±20 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a single vendor call may take.</summary>
    public TimeSpan GatewayTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connector rests after the vendor refused its credentials (no retry storm).</summary>
    public TimeSpan AuthFailurePause { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Circuit breaker: share of failed calls in the sampling window that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A repair or sync that would delete more than this share of a connector's vendor users stops and asks for confirmation.</summary>
    public double MaxDeleteShare { get; set; } = 0.1;

    /// <summary>Below this many deletes the share rule does not apply (deleting 1 of 3 users is not a mass deletion).</summary>
    public int DeleteGuardMinimum { get; set; } = 10;

    /// <summary>Deletes delivered within this window count towards the share, so one-by-one mass deletes are caught too.</summary>
    public TimeSpan DeleteGuardWindow { get; set; } = TimeSpan.FromHours(1);
}
