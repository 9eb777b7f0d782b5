using ConnectorHost.Sdk.Gateway;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ConnectorHost.Core.Sync;

/// <summary>The failures a vendor call is expected to have now and then, and how to tell a reader about them.</summary>
public static class VendorFailures
{
    /// <summary>
    /// An outage, a refusal or an open circuit: part of talking to a vendor, worth one warning line, never a stack
    /// trace. Anything else is a defect in a connector or the host.
    /// </summary>
    public static bool IsExpected(Exception ex) =>
        ex is VendorException or TimeoutRejectedException or BrokenCircuitException or IsolatedCircuitException;

    /// <summary>The vendor is down or too slow: what the circuit breaker counts (not a refusal of data or credentials).</summary>
    public static bool IsOutage(Exception ex) =>
        ex is VendorUnavailableException or TimeoutRejectedException or HttpRequestException;

    /// <summary>A readable, secret-free description of a failed vendor call.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        VendorAuthenticationException => $"Credentials rejected by the vendor: {ex.Message}",
        VendorRejectedException r => $"Vendor rejected the data{(r.StatusCode is { } s ? $" (HTTP {s})" : "")}: {ex.Message}",
        VendorUnavailableException u => $"Vendor unavailable{(u.RetryAfter is { } ra ? $" (asked to retry after {ra.TotalSeconds:0} s)" : "")}: {ex.Message}",
        TimeoutRejectedException => "Vendor did not answer in time.",
        BrokenCircuitException or IsolatedCircuitException => "Circuit open: the vendor failed too often; calls resume after the break.",
        _ => $"Connector failed: {ex.GetType().Name}",
    };
}
