namespace ConnectorHost.Core.Connectors;

/// <summary>The loaded connectors. Implemented by the host, which owns plugin loading.</summary>
public interface IConnectorCatalog
{
    IReadOnlyList<ConnectorInfo> All { get; }

    /// <summary>The entry with this id (any status), or null.</summary>
    ConnectorInfo? Find(string connectorId);
}
