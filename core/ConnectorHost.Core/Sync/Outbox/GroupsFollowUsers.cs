using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Vendor groups follow their users: a vendor group can only list members that exist at the vendor. A group's
/// membership result changes when one of its direct members comes into existence at the vendor (after the user's
/// first push, <see cref="SyncDelivery"/>) or leaves it (a user delete job, <see cref="Outbox"/>); membership edits
/// queue the group themselves. Only those groups are pushed again, never every group of the connector. A vendor that
/// derives group members from user settings (a STARFACE user's own CTI group) aligns them in its PushUser.
/// </summary>
internal static class GroupsFollowUsers
{
    /// <summary>Upsert jobs for the groups with settings for <paramref name="connectorId"/> that <paramref name="userIds"/> are direct members of.</summary>
    public static async Task<List<SyncJob>> JobsAsync(HostDbContext db, string connectorId, IReadOnlyCollection<Guid> userIds, DateTime now, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }
        var ids = userIds.ToList();
        var groups = await db.UserGroups.AsNoTracking()
            .Where(m => ids.Contains(m.UserId))
            .Select(m => m.GroupId)
            .Where(g => db.GroupConnectorSettings.Any(s => s.GroupId == g && s.ConnectorId == connectorId))
            .Distinct()
            .ToListAsync(cancellationToken);
        return groups.Select(g => SyncJob.Pending(connectorId, SyncEntityType.Group, g, SyncOperation.Upsert, now)).ToList();
    }
}
