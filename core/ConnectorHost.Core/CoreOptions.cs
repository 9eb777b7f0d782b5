namespace ConnectorHost.Core;

/// <summary>Settings of the core module (section "ConnectorHost" in appsettings / environment).</summary>
public sealed class CoreOptions
{
    /// <summary>Region used to read phone numbers written without a country code, e.g. "DE" for 030 1234567.</summary>
    public string DefaultPhoneRegion { get; set; } = "DE";

    /// <summary>Largest page a list request may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;
}
