namespace ConnectorHost.Core.Domain;

/// <summary>One connector's settings document for one group.</summary>
public sealed class GroupConnectorSetting : IVersioned, ISettingsDocument
{
    public Guid GroupId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<Sdk.Schema.FieldSchema> FieldsOf(Sdk.Schema.ConnectorSchema schema) => schema.Group;
}
