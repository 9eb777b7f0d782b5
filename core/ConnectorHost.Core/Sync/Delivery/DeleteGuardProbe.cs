using ConnectorHost.Core.Persistence;

namespace ConnectorHost.Core.Sync;

/// <summary>Lets the host's worker ask whether a connector's deletes are being held.</summary>
public static class DeleteGuardProbe
{
    public static async Task<bool> HeldAsync(HostDbContext db, SyncOptions options, string connectorId, DateTime now, CancellationToken cancellationToken) =>
        await DeleteGuard.HeldDeletesAsync(db, options, connectorId, now, cancellationToken) > 0;
}
