using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>One connector's settings of a user or group; secret values are masked. Version 0 means none stored yet.</summary>
public sealed record ConnectorSettingsDto(string ConnectorId, Guid OwnerId, JsonObject Settings, int Version)
{
    /// <summary>Things the schema or the connector point out about a stored change that did not stop it (empty on reads).</summary>
    public IReadOnlyList<FieldWarning> Warnings { get; init; } = [];
}
