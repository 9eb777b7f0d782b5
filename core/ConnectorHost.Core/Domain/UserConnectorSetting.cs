namespace ConnectorHost.Core.Domain;

/// <summary>One connector's settings document for one user.</summary>
public sealed class UserConnectorSetting : IConnectorSetting
{
    public Guid UserId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }

    Guid IConnectorSetting.OwnerId => UserId;
}
