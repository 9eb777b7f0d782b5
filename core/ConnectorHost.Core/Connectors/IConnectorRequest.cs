namespace ConnectorHost.Core.Connectors;

/// <summary>A request aimed at one connector (or all, when null); logs name the connector a vendor failure came from.</summary>
public interface IConnectorRequest
{
    string? ConnectorId { get; }
}
