using System.Text.Json.Nodes;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>
/// One connector's settings of a user, group or role; secret values are masked, and <see cref="Secrets"/> says when each
/// secret was set and whether the host still holds it. Version 0 means none stored yet.
/// </summary>
public sealed record ConnectorSettingsDto(string ConnectorId, Guid OwnerId, JsonObject Settings, int Version)
{
    /// <summary>Per secret field that is set: when, and whether the host still stores it (false after a write-only secret was pushed).</summary>
    public IReadOnlyDictionary<string, SecretStatus> Secrets { get; init; } = new Dictionary<string, SecretStatus>();

    /// <summary>The view of a stored (sealed) document: secrets masked, their status beside.</summary>
    public static ConnectorSettingsDto From(string connectorId, Guid ownerId, IReadOnlyList<FieldSchema> fields, JsonObject stored, int version)
    {
        var (masked, secrets) = SettingsSecrets.Mask(fields, stored);
        return new ConnectorSettingsDto(connectorId, ownerId, masked, version) { Secrets = secrets };
    }
}
