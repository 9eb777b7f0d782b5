namespace ConnectorHost.Core;

/// <summary>Settings of the core module (section "ConnectorHost" in appsettings / environment).</summary>
public sealed class CoreOptions
{
    /// <summary>Region used to read phone numbers written without a country code, e.g. "DE" for 030 1234567.</summary>
    public string DefaultPhoneRegion { get; set; } = "DE";

    /// <summary>Largest page a list request may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>How long a list of options from a connector is used before it is asked again, when the field sets no interval.</summary>
    public TimeSpan FieldOptionsRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a failed options refresh, how long the host waits before asking the vendor again (so a down vendor is not asked on every save).</summary>
    public TimeSpan FieldOptionsRetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);
}
