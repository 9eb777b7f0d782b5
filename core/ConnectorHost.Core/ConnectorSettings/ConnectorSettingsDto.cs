using System.Text.Json.Nodes;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>One connector's settings of a user, group or role; secret values are masked. Version 0 means none stored yet.</summary>
public sealed record ConnectorSettingsDto(string ConnectorId, Guid OwnerId, JsonObject Settings, int Version);
