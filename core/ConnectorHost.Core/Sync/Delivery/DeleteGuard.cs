using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Holds back unconfirmed user deletes of a connector when they would remove more than the allowed share of
/// the users the connector has at the vendor: a mistaken bulk delete must not empty a vendor system.
/// </summary>
internal static class DeleteGuard
{
    public static bool Exceeds(SyncOptions options, int deletes, int population) =>
        deletes > options.DeleteGuardMinimum && deletes > options.MaxDeleteShare * Math.Max(population, 1);

    /// <summary>
    /// Number of pending unconfirmed user deletes currently held back (0 when within the allowed share). Deletes
    /// delivered within <see cref="SyncOptions.DeleteGuardWindow"/> count too, so a mass deletion arriving one
    /// request at a time is caught as well as one arriving in a single transaction.
    /// </summary>
    public static async Task<int> HeldDeletesAsync(HostDbContext db, SyncOptions options, string connectorId, DateTime now, CancellationToken cancellationToken)
    {
        var pending = await db.SyncJobs.CountAsync(j => j.ConnectorId == connectorId && j.Status == SyncJobStatus.Pending
            && j.EntityType == SyncEntityType.User && j.Operation == SyncOperation.Delete && !j.DeleteConfirmed, cancellationToken);
        if (pending == 0)
        {
            return 0;
        }
        var windowStart = now - options.DeleteGuardWindow;
        // Confirmed deletes were an admin's decision; they must not make every later single delete need one too.
        var recent = await db.SyncJobs.CountAsync(j => j.ConnectorId == connectorId && j.Status == SyncJobStatus.Done
            && j.EntityType == SyncEntityType.User && j.Operation == SyncOperation.Delete && !j.DeleteConfirmed && j.CompletedAt >= windowStart, cancellationToken);
        var linked = await db.VendorLinks.CountAsync(l => l.ConnectorId == connectorId && l.EntityType == SyncEntityType.User, cancellationToken);
        return Exceeds(options, pending + recent, linked + recent) ? pending : 0;
    }
}
