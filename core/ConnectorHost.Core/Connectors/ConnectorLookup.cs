using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;

namespace ConnectorHost.Core.Connectors;

public static class ConnectorLookup
{
    /// <summary>The description of a loaded connector, or a 404/409-style error that says why it cannot be used.</summary>
    public static ConnectorDescription RequireLoaded(this IConnectorCatalog catalog, string connectorId, ConnectorCapabilities? capability = null)
    {
        var info = catalog.Find(connectorId) ?? throw new ConnectorUnavailableException($"Connector '{connectorId}' is not configured in plugins.json.", unknown: true);
        if (info.Status != ConnectorStatus.Loaded || info.Description is null)
        {
            throw new ConnectorUnavailableException(
                info.Status == ConnectorStatus.Disabled
                    ? $"Connector '{connectorId}' is disabled in plugins.json."
                    : $"Connector '{connectorId}' is faulted: {info.FaultReason}", unknown: false);
        }
        if (capability is { } needed && !info.Description.Manifest.Capabilities.HasFlag(needed))
        {
            throw new ConnectorUnavailableException($"Connector '{connectorId}' does not support {needed}.", unknown: false);
        }
        return info.Description;
    }
}
