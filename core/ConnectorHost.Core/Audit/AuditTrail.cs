using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConnectorHost.Core.Audit;

/// <summary>
/// Writes one audit row per changed entity (who, when, before and after), in the same save as the change.
/// Connector settings are masked with the connector's schema: secrets never reach the audit.
/// Called by <see cref="ChangeCaptureInterceptor"/> before each save.
/// </summary>
internal static class AuditTrail
{
    public static void Record(HostDbContext db, IReadOnlyList<EntityEntry> entries, IConnectorCatalog catalog, string actor, DateTime now)
    {
        foreach (var entry in entries)
        {
            db.AuditEntries.Add(AuditOf(entry, catalog, actor, now));
        }
    }

    /// <summary>The audit row of one change (the import's batch path writes the rows of its new users with this).</summary>
    internal static AuditEntry AuditOf(EntityEntry entry, IConnectorCatalog catalog, string actor, DateTime now)
    {
        var keys = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString() ?? "");
        return new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            },
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join("/", keys),
            Before = entry.State == EntityState.Added ? null : Snapshot(entry, catalog, original: true),
            After = entry.State == EntityState.Deleted ? null : Snapshot(entry, catalog, original: false),
        };
    }

    private static string Snapshot(EntityEntry entry, IConnectorCatalog catalog, bool original)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var json = new JsonObject();
        foreach (var property in values.Properties)
        {
            if (Access.AccessBookkeeping.IsHash(property.Name))
            {
                // A password or key hash is still a secret (offline guessing); the audit says it changed, not what to.
                json[ToCamel(property.Name)] = "***";
                continue;
            }
            var value = values[property];
            json[ToCamel(property.Name)] = property.Name == "Json" && value is string document
                ? MaskConnectorDocument(entry, catalog, document)
                : JsonSerializer.SerializeToNode(value);
        }
        return json.ToJsonString();
    }

    // Connector documents may hold secrets (vendor passwords); the connector's schema says which keys.
    private static JsonNode? MaskConnectorDocument(EntityEntry entry, IConnectorCatalog catalog, string document)
    {
        JsonObject parsed;
        try
        {
            parsed = JsonNode.Parse(document) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return null;
        }
        var connectorId = entry.Property("ConnectorId").CurrentValue as string;
        var schema = connectorId is null ? null : catalog.Find(connectorId)?.Description?.Schema;
        var fields = entry.Entity is IConnectorSetting settings && schema is not null ? ConnectorSettings.Owners.SettingsOwnerKind.Of(settings).Fields(schema) : null;
        if (fields is null)
        {
            // Unknown schema: keep the shape, hide every value rather than risk leaking a secret.
            return new JsonArray(parsed.Select(p => (JsonNode?)JsonValue.Create(p.Key)).ToArray());
        }
        // Keys the current schema does not know (a field an older plugin version had) may be secrets too.
        var masked = SchemaValidator.MaskSecrets(fields, parsed);
        foreach (var key in masked.Select(p => p.Key).Where(k => fields.All(f => f.Key != k)).ToList())
        {
            masked[key] = SchemaValidator.SecretMask;
        }
        return masked;
    }

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
