namespace ConnectorHost.Sdk;

/// <summary>What a connector can do. The host only sends the requests a connector declares.</summary>
[Flags]
public enum ConnectorCapabilities
{
    /// <summary>Describe only.</summary>
    None = 0,
    /// <summary>Handles <see cref="Requests.ValidateUserSettings"/>.</summary>
    ValidateUserSettings = 1 << 0,
    /// <summary>Handles <see cref="Requests.ValidateGroupSettings"/>.</summary>
    ValidateGroupSettings = 1 << 1,
    /// <summary>Handles <see cref="Requests.ProjectUser"/>.</summary>
    ProjectUser = 1 << 2,
    /// <summary>Handles <see cref="Requests.ProjectGroup"/>.</summary>
    ProjectGroup = 1 << 3,
    /// <summary>Handles <see cref="Requests.InvokeAction"/> for the actions it describes.</summary>
    Actions = 1 << 4,
    /// <summary>Handles <see cref="Requests.PushUser"/> (the sync engine delivers user changes).</summary>
    PushUser = 1 << 5,
    /// <summary>Handles <see cref="Requests.PushGroup"/> (the sync engine delivers group changes).</summary>
    PushGroup = 1 << 6,
    /// <summary>Handles <see cref="Requests.ListVendorUsers"/> (reconciliation).</summary>
    ListVendorUsers = 1 << 7,
    /// <summary>Handles <see cref="Requests.ListFieldOptions"/> for its fields marked <see cref="Schema.FieldSchema.OptionsFromConnector"/>.</summary>
    ListFieldOptions = 1 << 8,
}

/// <summary>Identifies a connector and the SDK it was built for.</summary>
/// <param name="Id">Stable id, lower-case with dashes, e.g. <c>starface-cti</c>. Must match the id in <c>plugins.json</c>.</param>
/// <param name="DisplayName">Name shown to admins.</param>
/// <param name="Version">The connector's own version.</param>
/// <param name="SdkVersion">The SDK version the connector was built against; use <see cref="SdkInfo.Version"/>.</param>
/// <param name="Capabilities">The requests the connector handles.</param>
public sealed record ConnectorManifest(
    string Id,
    string DisplayName,
    string Version,
    string SdkVersion,
    ConnectorCapabilities Capabilities);

/// <summary>Facts about this SDK build.</summary>
public static class SdkInfo
{
    /// <summary>The SDK version; a host accepts plugins built for the same major version or an older minor.</summary>
    public static string Version => typeof(SdkInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
