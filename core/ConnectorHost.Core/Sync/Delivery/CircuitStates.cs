namespace ConnectorHost.Core.Sync;

/// <summary>The circuit states the status reports, named as Polly names them.</summary>
public static class CircuitStates
{
    public const string Closed = "Closed";

    /// <summary>The vendor failed too often; no call until the break ends.</summary>
    public const string Open = "Open";

    /// <summary>Reported, never stored: the break is over and the next delivery is a probe that closes the circuit or opens it again.</summary>
    public const string HalfOpen = "HalfOpen";
}
