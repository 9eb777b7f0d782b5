using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Vendor groups follow their users: a vendor group can only list members that exist at the vendor, and a vendor may
/// derive a group's members from user settings (a STARFACE user's own CTI group). So after a change to a
/// connector's users is queued (<see cref="Outbox"/>), and again when a user is newly created at the vendor
/// (<see cref="SyncDelivery"/>), every group of that connector is pushed again; the worker delivers users first.
/// </summary>
internal static class GroupsFollowUsers
{
    /// <summary>Upsert jobs for every group that has settings for one of <paramref name="connectorIds"/>.</summary>
    public static async Task<List<SyncJob>> JobsAsync(HostDbContext db, IReadOnlyCollection<string> connectorIds, DateTime now, CancellationToken cancellationToken)
    {
        if (connectorIds.Count == 0)
        {
            return [];
        }
        var ids = connectorIds.ToList();
        var groups = await db.GroupConnectorSettings.AsNoTracking()
            .Where(g => ids.Contains(g.ConnectorId))
            .Select(g => new { g.GroupId, g.ConnectorId })
            .ToListAsync(cancellationToken);
        return groups.Select(g => SyncJob.Pending(g.ConnectorId, SyncEntityType.Group, g.GroupId, SyncOperation.Upsert, now)).ToList();
    }
}
