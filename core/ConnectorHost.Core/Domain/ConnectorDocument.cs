namespace ConnectorHost.Core.Domain;

/// <summary>A document in a connector-owned collection (see the SDK's IConnectorStore).</summary>
public sealed class ConnectorDocument : IVersioned
{
    public string ConnectorId { get; set; } = "";
    public string Collection { get; set; } = "";
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
}
