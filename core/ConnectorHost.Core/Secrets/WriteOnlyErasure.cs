using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Secrets;

/// <summary>
/// Erases write-only secrets (<see cref="FieldSchema.WriteOnly"/>) once a push carried them to the vendor. Captured
/// before the push reads the entity, so a secret set again while the push was under way is never the one erased:
/// only an envelope still equal to the captured one goes; a newer one waits for its own push.
/// </summary>
internal sealed class WriteOnlyErasure
{
    private readonly SyncEntityType _type;
    private readonly string _connectorId;
    private readonly Guid _entityId;
    private readonly IReadOnlyDictionary<string, string> _held;

    private WriteOnlyErasure(SyncEntityType type, string connectorId, Guid entityId, IReadOnlyDictionary<string, string> held)
    {
        _type = type;
        _connectorId = connectorId;
        _entityId = entityId;
        _held = held;
    }

    /// <summary>Null when the connector has no write-only field or the entity holds none right now (no extra query then).</summary>
    public static async Task<WriteOnlyErasure?> CaptureAsync(HostDbContext db, IConnectorCatalog catalog, string connectorId, SyncEntityType type, Guid entityId, CancellationToken cancellationToken)
    {
        var schema = catalog.Find(connectorId)?.Description?.Schema;
        var fields = type == SyncEntityType.User ? schema?.User : schema?.Group;
        if (fields is null || !fields.Any(f => f.Type == FieldType.Secret && f.WriteOnly))
        {
            return null;
        }
        var json = type == SyncEntityType.User
            ? await db.UserConnectorSettings.Where(s => s.UserId == entityId && s.ConnectorId == connectorId).Select(s => s.Json).FirstOrDefaultAsync(cancellationToken)
            : await db.GroupConnectorSettings.Where(s => s.GroupId == entityId && s.ConnectorId == connectorId).Select(s => s.Json).FirstOrDefaultAsync(cancellationToken);
        var held = SettingsSecrets.WriteOnlyHeld(fields, DirectoryQueries.Parse(json));
        return held.Count == 0 ? null : new WriteOnlyErasure(type, connectorId, entityId, held);
    }

    /// <summary>In its own save after the delivery's: a concurrent edit wins, and the next push erases what it set.</summary>
    public async Task EraseAsync(HostDbContext db, ILogger logger)
    {
        IConnectorSetting? document = _type == SyncEntityType.User
            ? await db.UserConnectorSettings.FirstOrDefaultAsync(s => s.UserId == _entityId && s.ConnectorId == _connectorId, CancellationToken.None)
            : await db.GroupConnectorSettings.FirstOrDefaultAsync(s => s.GroupId == _entityId && s.ConnectorId == _connectorId, CancellationToken.None);
        if (document is null)
        {
            return;
        }
        var erased = SettingsSecrets.Erase(DirectoryQueries.Parse(document.Json), _held).ToJsonString();
        if (erased == document.Json)
        {
            return;
        }
        document.Json = erased;
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Write-only secrets of {EntityType} {EntityId} at {Connector} are kept for now: the settings changed during the push", _type, _entityId, _connectorId);
        }
    }
}
