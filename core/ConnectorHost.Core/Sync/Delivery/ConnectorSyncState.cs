namespace ConnectorHost.Core.Sync;

/// <summary>
/// Whether a connector may be called now, kept in the database so every process (the host's worker, the API,
/// the CLI) reads the same answer: the circuit breaker's state as the delivering host last saw it, and the pause
/// after refused credentials. No row means closed and not paused.
/// </summary>
public sealed class ConnectorSyncState
{
    public string ConnectorId { get; set; } = "";

    /// <summary><c>Closed</c> or <c>Open</c>, as the last call that changed it left it (half-open is derived from the time).</summary>
    public string Circuit { get; set; } = CircuitStates.Closed;

    /// <summary>While the circuit is open: when the break ends and the next delivery may probe the vendor.</summary>
    public DateTime? CircuitOpenUntil { get; set; }

    /// <summary>The connector rests until then after the vendor refused its credentials.</summary>
    public DateTime? PausedUntil { get; set; }

    public string? PauseReason { get; set; }

    public DateTime ChangedAt { get; set; }
}
