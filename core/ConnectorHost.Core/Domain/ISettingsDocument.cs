using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.Domain;

/// <summary>
/// A connector's settings document stored for some owner (user, group, role …). Whatever implements it gets its
/// secret fields encrypted on save and masked in the audit, by the schema the method below picks.
/// </summary>
public interface ISettingsDocument
{
    string ConnectorId { get; }

    string Json { get; set; }

    /// <summary>The fields of the connector's schema that describe this kind of document.</summary>
    IReadOnlyList<FieldSchema> FieldsOf(ConnectorSchema schema);
}
