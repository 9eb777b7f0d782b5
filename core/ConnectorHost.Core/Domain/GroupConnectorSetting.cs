namespace ConnectorHost.Core.Domain;

/// <summary>One connector's settings document for one group.</summary>
public sealed class GroupConnectorSetting : IConnectorSetting
{
    public Guid GroupId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }

    Guid IConnectorSetting.OwnerId => GroupId;
}
