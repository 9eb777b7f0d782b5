namespace ConnectorHost.Core.Domain;

/// <summary>One connector's settings document for one role (e.g. the vendor profile the role stands for).</summary>
public sealed class RoleConnectorSetting : IConnectorSetting
{
    public Guid RoleId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }

    Guid IConnectorSetting.OwnerId => RoleId;
}
