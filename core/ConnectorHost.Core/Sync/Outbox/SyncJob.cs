namespace ConnectorHost.Core.Sync;

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
