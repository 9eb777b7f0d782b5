namespace ConnectorHost.Core.Sync;

/// <summary>What the vendor knows of one entity: its id there and the last result, per connector.</summary>
public sealed class VendorLink
{
    /// <summary>Records a successful upsert at the vendor, creating the link when the entity had none.</summary>
    public static VendorLink Record(Persistence.HostDbContext db, VendorLink? link, string connectorId, SyncEntityType type, Guid entityId, Sdk.Requests.PushResult result, int version, DateTime now)
    {
        if (link is null)
        {
            link = new VendorLink { ConnectorId = connectorId, EntityType = type, EntityId = entityId };
            db.VendorLinks.Add(link);
        }
        link.VendorId = result.VendorId ?? link.VendorId;
        link.State = result.State;
        link.SyncedVersion = version;
        link.LastSyncedAt = now;
        return link;
    }

    public string ConnectorId { get; set; } = "";
    public SyncEntityType EntityType { get; set; }
    public Guid EntityId { get; set; }
    public string? VendorId { get; set; }
    public string State { get; set; } = "";
    public int SyncedVersion { get; set; }
    public DateTime LastSyncedAt { get; set; }
}
