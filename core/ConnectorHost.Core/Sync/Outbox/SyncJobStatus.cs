namespace ConnectorHost.Core.Sync;

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
