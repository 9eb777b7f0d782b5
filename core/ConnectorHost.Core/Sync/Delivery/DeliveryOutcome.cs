namespace ConnectorHost.Core.Sync;

/// <summary>What one delivery attempt of an entity's pending jobs came to.</summary>
public enum DeliveryOutcome
{
    NothingDue,
    Delivered,
    Skipped,
    RetryScheduled,
    DeadLettered,
    Blocked,
}
