using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Turns the changes about to be saved into sync jobs for the connectors that push them, so jobs commit (or roll
/// back) together with the change. A user is a connector's user when it has a settings document for that
/// connector; the same holds for groups. Called by <see cref="Persistence.ChangeCaptureInterceptor"/> before each
/// save; one method per kind of change, and one query per kind of lookup for the whole save.
/// </summary>
internal sealed class Outbox
{
    private readonly HostDbContext _db;
    private readonly DateTime _now;
    private readonly IConnectorCatalog _catalog;
    private readonly HashSet<string> _userConnectors;
    private readonly HashSet<string> _groupConnectors;
    private readonly Dictionary<(string, SyncEntityType, Guid), SyncJob> _jobs = [];
    private readonly HashSet<Guid> _affectedUsers = [];
    private readonly HashSet<Guid> _changedRoles = [];
    private readonly HashSet<(string ConnectorId, Guid RoleId)> _roleSettings = [];

    private Outbox(HostDbContext db, IConnectorCatalog catalog, DateTime now)
    {
        _db = db;
        _catalog = catalog;
        _now = now;
        _userConnectors = PushingConnectors(catalog, ConnectorCapabilities.PushUser);
        _groupConnectors = PushingConnectors(catalog, ConnectorCapabilities.PushGroup);
    }

    public static async Task EnqueueAsync(HostDbContext db, IConnectorCatalog catalog, IReadOnlyList<EntityEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        var outbox = new Outbox(db, catalog, now);
        if (outbox._userConnectors.Count == 0 && outbox._groupConnectors.Count == 0)
        {
            return;
        }
        await outbox.CollectAsync(entries, cancellationToken);
        db.SyncJobs.AddRange(outbox._jobs.Values);
    }

    private async Task CollectAsync(IReadOnlyList<EntityEntry> entries, CancellationToken cancellationToken)
    {
        var deletedUsers = new List<User>();
        var deletedGroups = new List<Group>();
        var changedGroups = new List<Group>();
        var membershipGroups = new HashSet<Guid>();
        var groupRoleGroups = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case UserConnectorSetting s when entry.State == EntityState.Deleted:
                    await UserTakenOffConnectorAsync(s, entry, cancellationToken);
                    break;
                case UserConnectorSetting s:
                    UserSettingsSaved(s);
                    break;
                case GroupConnectorSetting s when entry.State == EntityState.Deleted:
                    await GroupTakenOffConnectorAsync(s, entry, cancellationToken);
                    break;
                case GroupConnectorSetting s:
                    GroupSettingsSaved(s);
                    break;
                case RoleConnectorSetting s:
                    _roleSettings.Add((s.ConnectorId, s.RoleId));
                    break;
                case User u when entry.State == EntityState.Deleted:
                    deletedUsers.Add(u);
                    break;
                case User u:
                    _affectedUsers.Add(u.Id);
                    break;
                case Group g when entry.State == EntityState.Deleted:
                    deletedGroups.Add(g);
                    break;
                case Group g:
                    changedGroups.Add(g);
                    break;
                case UserGroup m:
                    _affectedUsers.Add(m.UserId);
                    membershipGroups.Add(m.GroupId);
                    break;
                case UserRole m:
                    _affectedUsers.Add(m.UserId);
                    break;
                case GroupRole m:
                    groupRoleGroups.Add(m.GroupId);
                    break;
                case RoleComposite c:
                    _changedRoles.Add(c.RoleId);
                    break;
                case Role r when entry.State == EntityState.Modified:
                    _changedRoles.Add(r.Id);
                    break;
            }
        }
        await UsersDeletedAsync(deletedUsers, cancellationToken);
        await GroupsChangedAsync(deletedGroups, changedGroups, membershipGroups, cancellationToken);
        await GroupRolesChangedAsync(groupRoleGroups, cancellationToken);
        await RolesChangedAsync(cancellationToken);
        await RoleSettingsChangedAsync(cancellationToken);
        await AffectedUsersAsync(cancellationToken);
        await GroupsAfterUsersAsync(cancellationToken);
    }

    private void UserSettingsSaved(UserConnectorSetting s)
    {
        if (_userConnectors.Contains(s.ConnectorId))
        {
            Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Upsert, s.Version);
        }
    }

    /// <summary>The user was taken off this connector (the user itself stays): delete it at the vendor.</summary>
    private async Task UserTakenOffConnectorAsync(UserConnectorSetting s, EntityEntry entry, CancellationToken cancellationToken)
    {
        if (!_userConnectors.Contains(s.ConnectorId))
        {
            return;
        }
        var owner = await _db.Users.FindAsync([s.UserId], cancellationToken);
        if (owner is not null && _db.Entry(owner).State != EntityState.Deleted)
        {
            Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Delete, owner.Version,
                JsonSerializer.Serialize(new DeletedUser(UserSnapshots.From(owner), SettingsForDelete(s.ConnectorId, (string?)entry.OriginalValues[nameof(UserConnectorSetting.Json)], group: false))));
        }
    }

    private void GroupSettingsSaved(GroupConnectorSetting s)
    {
        if (_groupConnectors.Contains(s.ConnectorId))
        {
            Add(s.ConnectorId, SyncEntityType.Group, s.GroupId, SyncOperation.Upsert, s.Version);
        }
    }

    /// <summary>The group was taken off this connector (the group itself stays): delete it at the vendor.</summary>
    private async Task GroupTakenOffConnectorAsync(GroupConnectorSetting s, EntityEntry entry, CancellationToken cancellationToken)
    {
        if (!_groupConnectors.Contains(s.ConnectorId))
        {
            return;
        }
        var owner = await _db.Groups.FindAsync([s.GroupId], cancellationToken);
        if (owner is not null && _db.Entry(owner).State != EntityState.Deleted)
        {
            Add(s.ConnectorId, SyncEntityType.Group, s.GroupId, SyncOperation.Delete, owner.Version,
                JsonSerializer.Serialize(new DeletedGroup(GroupSnapshots.From(owner), SettingsForDelete(s.ConnectorId, (string?)entry.OriginalValues[nameof(GroupConnectorSetting.Json)], group: true))));
        }
    }

    /// <summary>A deleted user is deleted at every connector it had settings for, with its last known state.</summary>
    private async Task UsersDeletedAsync(List<User> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return;
        }
        var ids = users.Select(u => u.Id).ToList();
        var settings = await _db.UserConnectorSettings.AsNoTracking().Where(x => ids.Contains(x.UserId))
            .Select(x => new { x.UserId, x.ConnectorId, x.Json }).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            foreach (var s in settings.Where(x => x.UserId == user.Id && _userConnectors.Contains(x.ConnectorId)))
            {
                Add(s.ConnectorId, SyncEntityType.User, user.Id, SyncOperation.Delete, user.Version,
                    JsonSerializer.Serialize(new DeletedUser(UserSnapshots.From(user), SettingsForDelete(s.ConnectorId, s.Json, group: false))));
            }
        }
    }

    /// <summary>Deleted groups are deleted at their connectors; changed groups and groups whose members changed are pushed again.</summary>
    private async Task GroupsChangedAsync(List<Group> deleted, List<Group> changed, HashSet<Guid> membershipGroups, CancellationToken cancellationToken)
    {
        if (deleted.Count + changed.Count + membershipGroups.Count == 0 || _groupConnectors.Count == 0)
        {
            return;
        }
        var ids = deleted.Select(g => g.Id).Concat(changed.Select(g => g.Id)).Concat(membershipGroups).Distinct().ToList();
        var settings = await _db.GroupConnectorSettings.AsNoTracking().Where(x => ids.Contains(x.GroupId))
            .Select(x => new { x.GroupId, x.ConnectorId, x.Json }).ToListAsync(cancellationToken);
        var pushed = settings.Where(s => _groupConnectors.Contains(s.ConnectorId)).ToList();
        foreach (var group in deleted)
        {
            foreach (var s in pushed.Where(x => x.GroupId == group.Id))
            {
                Add(s.ConnectorId, SyncEntityType.Group, group.Id, SyncOperation.Delete, group.Version,
                    JsonSerializer.Serialize(new DeletedGroup(GroupSnapshots.From(group), SettingsForDelete(s.ConnectorId, s.Json, group: true))));
            }
        }
        foreach (var group in changed)
        {
            foreach (var s in pushed.Where(x => x.GroupId == group.Id))
            {
                Add(s.ConnectorId, SyncEntityType.Group, group.Id, SyncOperation.Upsert, group.Version);
            }
        }
        foreach (var s in pushed.Where(x => membershipGroups.Contains(x.GroupId)))
        {
            Add(s.ConnectorId, SyncEntityType.Group, s.GroupId, SyncOperation.Upsert, 0);
        }
    }

    /// <summary>A role given to or taken from a group changes what every member projects.</summary>
    private async Task GroupRolesChangedAsync(HashSet<Guid> groups, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }
        var ids = groups.ToList();
        _affectedUsers.UnionWith(await _db.UserGroups.Where(x => ids.Contains(x.GroupId)).Select(x => x.UserId).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Users whose effective roles include a renamed or recomposed role: directly, through a group, or through a
    /// composite role that includes it (at any depth).
    /// </summary>
    private async Task RolesChangedAsync(CancellationToken cancellationToken)
    {
        if (_changedRoles.Count == 0)
        {
            return;
        }
        _affectedUsers.UnionWith(await HoldersAsync(_changedRoles, cancellationToken));
    }

    /// <summary>
    /// A role's settings for one connector changed: its holders are pushed again to that connector only (their
    /// context carries the role's settings). Holders without settings for the connector are not its users.
    /// </summary>
    private async Task RoleSettingsChangedAsync(CancellationToken cancellationToken)
    {
        foreach (var byConnector in _roleSettings.Where(r => _userConnectors.Contains(r.ConnectorId)).GroupBy(r => r.ConnectorId))
        {
            var holders = (await HoldersAsync(byConnector.Select(r => r.RoleId), cancellationToken)).ToList();
            var connectorId = byConnector.Key;
            var users = await _db.UserConnectorSettings.AsNoTracking()
                .Where(s => s.ConnectorId == connectorId && holders.Contains(s.UserId))
                .Select(s => s.UserId)
                .ToListAsync(cancellationToken);
            foreach (var userId in users)
            {
                Add(connectorId, SyncEntityType.User, userId, SyncOperation.Upsert, 0);
            }
        }
    }

    /// <summary>
    /// Users whose effective roles include one of <paramref name="roles"/>: directly, through a group, or through a
    /// composite role that includes it (at any depth).
    /// </summary>
    private async Task<HashSet<Guid>> HoldersAsync(IEnumerable<Guid> roles, CancellationToken cancellationToken)
    {
        var edges = await _db.RoleComposites.AsNoTracking().ToListAsync(cancellationToken);
        var all = new HashSet<Guid>(roles);
        var queue = new Queue<Guid>(all);
        while (queue.Count > 0)
        {
            var included = queue.Dequeue();
            foreach (var parent in edges.Where(e => e.IncludedRoleId == included).Select(e => e.RoleId))
            {
                if (all.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }
        var ids = all.ToList();
        var holders = (await _db.UserRoles.AsNoTracking().Where(m => ids.Contains(m.RoleId)).Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var groups = await _db.GroupRoles.AsNoTracking().Where(m => ids.Contains(m.RoleId)).Select(m => m.GroupId).ToListAsync(cancellationToken);
        holders.UnionWith(await _db.UserGroups.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.UserId).ToListAsync(cancellationToken));
        return holders;
    }

    /// <summary>Every user whose projection may have changed is pushed again to each connector it has settings for.</summary>
    private async Task AffectedUsersAsync(CancellationToken cancellationToken)
    {
        var deleted = _jobs.Values.Where(j => j.EntityType == SyncEntityType.User && j.Operation == SyncOperation.Delete).Select(j => j.EntityId);
        _affectedUsers.ExceptWith(deleted);
        if (_affectedUsers.Count == 0 || _userConnectors.Count == 0)
        {
            return;
        }
        var ids = _affectedUsers.ToList();
        var withSettings = await _db.UserConnectorSettings.AsNoTracking()
            .Where(s => ids.Contains(s.UserId))
            .Select(s => new { s.UserId, s.ConnectorId })
            .ToListAsync(cancellationToken);
        var versions = _db.ChangeTracker.Entries<User>().ToDictionary(e => e.Entity.Id, e => e.Entity.Version);
        foreach (var s in withSettings.Where(s => _userConnectors.Contains(s.ConnectorId)))
        {
            Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Upsert, versions.GetValueOrDefault(s.UserId));
        }
    }

    /// <summary>A user leaving a vendor changes the members of its groups there: see <see cref="GroupsFollowUsers"/>.</summary>
    private async Task GroupsAfterUsersAsync(CancellationToken cancellationToken)
    {
        var leaving = _jobs.Values
            .Where(j => j.EntityType == SyncEntityType.User && j.Operation == SyncOperation.Delete && _groupConnectors.Contains(j.ConnectorId))
            .GroupBy(j => j.ConnectorId)
            .ToList();
        foreach (var connector in leaving)
        {
            foreach (var job in await GroupsFollowUsers.JobsAsync(_db, connector.Key, connector.Select(j => j.EntityId).ToList(), _now, cancellationToken))
            {
                Add(job.ConnectorId, SyncEntityType.Group, job.EntityId, SyncOperation.Upsert, 0);
            }
        }
    }

    private void Add(string connectorId, SyncEntityType type, Guid id, SyncOperation operation, int version, string? snapshot = null)
    {
        var key = (connectorId, type, id);
        // Within one save a delete wins over an update of the same entity.
        if (_jobs.TryGetValue(key, out var existing) && (existing.Operation == SyncOperation.Delete || operation == SyncOperation.Upsert))
        {
            return;
        }
        _jobs[key] = SyncJob.Pending(connectorId, type, id, operation, _now, version, snapshot);
    }

    /// <summary>
    /// The settings a delete job keeps: what a vendor delete may need to find the record (an extension, a login),
    /// never secrets or uploaded files, which would otherwise outlive the user in the outbox. Without the
    /// connector's schema nothing can be told apart, so nothing is kept; the recorded vendor id still finds it.
    /// </summary>
    private JsonObject SettingsForDelete(string connectorId, string? json, bool group)
    {
        var schema = _catalog.Find(connectorId)?.Description?.Schema;
        var fields = group ? schema?.Group : schema?.User;
        var settings = DirectoryQueries.Parse(json);
        var kept = new JsonObject();
        foreach (var field in fields ?? [])
        {
            if (field.Type is not (FieldType.Secret or FieldType.File) && settings[field.Key] is { } value)
            {
                kept[field.Key] = value.DeepClone();
            }
        }
        return kept;
    }

    // A connector that is faulted or disabled right now still gets its jobs: they wait in the table and go
    // out once it loads again, instead of the changes of that period being lost for it.
    private static HashSet<string> PushingConnectors(IConnectorCatalog catalog, ConnectorCapabilities capability) =>
        catalog.All
            .Where(c => c.Status != ConnectorStatus.Loaded || c.Description!.Manifest.Capabilities.HasFlag(capability))
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);
}
