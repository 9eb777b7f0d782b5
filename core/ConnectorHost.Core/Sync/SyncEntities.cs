namespace ConnectorHost.Core.Sync;

public enum SyncEntityType
{
    User,
    Group,
}

public enum SyncOperation
{
    Upsert,
    Delete,
}

public enum SyncJobStatus
{
    /// <summary>Waiting for delivery (again, after a failed attempt, once <see cref="SyncJob.NextAttemptAt"/> has passed).</summary>
    Pending,
    /// <summary>Delivered, or folded into a later delivery of the same entity.</summary>
    Done,
    /// <summary>Gave up after too many attempts or a permanent error; waits for an admin to retry or discard it.</summary>
    DeadLetter,
    /// <summary>Dropped by an admin.</summary>
    Discarded,
}

/// <summary>
/// One change a connector must see, written in the same transaction as the change itself, so a change is
/// never lost and never delivered without having been committed.
/// </summary>
public sealed class SyncJob
{
    /// <summary>A job ready for delivery now, with a fresh idempotency key.</summary>
    public static SyncJob Pending(string connectorId, SyncEntityType type, Guid entityId, SyncOperation operation, DateTime now, int payloadVersion = 0, string? snapshot = null) => new()
    {
        ConnectorId = connectorId,
        EntityType = type,
        EntityId = entityId,
        Operation = operation,
        IdempotencyKey = Guid.NewGuid().ToString("N"),
        PayloadVersion = payloadVersion,
        Snapshot = snapshot,
        Status = SyncJobStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public long Id { get; set; }
    public string ConnectorId { get; set; } = "";
    public SyncEntityType EntityType { get; set; }
    public Guid EntityId { get; set; }
    public SyncOperation Operation { get; set; }
    /// <summary>Stable key of this change, sent to the connector so vendors that support it can de-duplicate.</summary>
    public string IdempotencyKey { get; set; } = "";
    /// <summary>The entity's version when the change was made.</summary>
    public int PayloadVersion { get; set; }
    /// <summary>For deletes: the last known state (the row is gone by delivery time).</summary>
    public string? Snapshot { get; set; }
    public SyncJobStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>An admin confirmed this delete although it is part of a mass deletion (see SyncOptions.MaxDeleteShare).</summary>
    public bool DeleteConfirmed { get; set; }
}

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
