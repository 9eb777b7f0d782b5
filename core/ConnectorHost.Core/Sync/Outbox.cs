using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

/// <summary>The last known state of a deleted entity, kept on its delete job.</summary>
public sealed record DeletedUser(UserSnapshot User, JsonObject Settings);

/// <summary>The last known state of a deleted group.</summary>
public sealed record DeletedGroup(GroupSnapshot Group, JsonObject Settings);

/// <summary>
/// Turns the changes about to be saved into sync jobs for the connectors that push them. Runs inside
/// SaveChanges, so jobs commit (or roll back) together with the change. A user is a connector's user when it
/// has a settings document for that connector; the same holds for groups.
/// </summary>
internal static class Outbox
{
    public static void Enqueue(HostDbContext db, IConnectorCatalog? catalog, DateTime now)
    {
        if (catalog is null)
        {
            return;
        }
        var userConnectors = PushingConnectors(catalog, ConnectorCapabilities.PushUser);
        var groupConnectors = PushingConnectors(catalog, ConnectorCapabilities.PushGroup);
        if (userConnectors.Count == 0 && groupConnectors.Count == 0)
        {
            return;
        }

        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var jobs = new Dictionary<(string, SyncEntityType, Guid), SyncJob>();

        void Add(string connectorId, SyncEntityType type, Guid id, SyncOperation operation, int version, string? snapshot = null)
        {
            var key = (connectorId, type, id);
            // Within one save a delete wins over an update of the same entity.
            if (jobs.TryGetValue(key, out var existing) && (existing.Operation == SyncOperation.Delete || operation == SyncOperation.Upsert))
            {
                return;
            }
            jobs[key] = SyncJob.Pending(connectorId, type, id, operation, now, version, snapshot);
        }

        var affectedUsers = new HashSet<Guid>();
        var changedRoles = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case UserConnectorSetting s when entry.State != EntityState.Deleted && userConnectors.Contains(s.ConnectorId):
                    Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Upsert, s.Version);
                    break;
                case UserConnectorSetting s when userConnectors.Contains(s.ConnectorId):
                    // The user was taken off this connector (the user itself stays): delete it at the vendor.
                    var owner = db.Users.Find(s.UserId);
                    if (owner is not null && db.Entry(owner).State != EntityState.Deleted)
                    {
                        Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Delete, owner.Version,
                            JsonSerializer.Serialize(new DeletedUser(UserSnapshots.From(owner), SettingsForDelete(catalog, s.ConnectorId, (string?)entry.OriginalValues[nameof(UserConnectorSetting.Json)], group: false))));
                    }
                    break;
                case GroupConnectorSetting s when entry.State != EntityState.Deleted && groupConnectors.Contains(s.ConnectorId):
                    Add(s.ConnectorId, SyncEntityType.Group, s.GroupId, SyncOperation.Upsert, s.Version);
                    break;
                case User u when entry.State == EntityState.Deleted:
                    foreach (var (connectorId, json) in StoredSettings(db.UserConnectorSettings.Where(x => x.UserId == u.Id).Select(x => new { x.ConnectorId, x.Json }).AsEnumerable().Select(x => (x.ConnectorId, x.Json)), userConnectors))
                    {
                        Add(connectorId, SyncEntityType.User, u.Id, SyncOperation.Delete, u.Version,
                            JsonSerializer.Serialize(new DeletedUser(UserSnapshots.From(u), SettingsForDelete(catalog, connectorId, json, group: false))));
                    }
                    break;
                case User u:
                    affectedUsers.Add(u.Id);
                    break;
                case Group g when entry.State == EntityState.Deleted:
                    foreach (var (connectorId, json) in StoredSettings(db.GroupConnectorSettings.Where(x => x.GroupId == g.Id).Select(x => new { x.ConnectorId, x.Json }).AsEnumerable().Select(x => (x.ConnectorId, x.Json)), groupConnectors))
                    {
                        Add(connectorId, SyncEntityType.Group, g.Id, SyncOperation.Delete, g.Version,
                            JsonSerializer.Serialize(new DeletedGroup(GroupSnapshots.From(g), SettingsForDelete(catalog, connectorId, json, group: true))));
                    }
                    break;
                case Group g:
                    foreach (var connectorId in db.GroupConnectorSettings.Where(x => x.GroupId == g.Id).Select(x => x.ConnectorId).AsEnumerable().Where(groupConnectors.Contains))
                    {
                        Add(connectorId, SyncEntityType.Group, g.Id, SyncOperation.Upsert, g.Version);
                    }
                    break;
                case UserGroup m:
                    affectedUsers.Add(m.UserId);
                    foreach (var connectorId in db.GroupConnectorSettings.Where(x => x.GroupId == m.GroupId).Select(x => x.ConnectorId).AsEnumerable().Where(groupConnectors.Contains))
                    {
                        Add(connectorId, SyncEntityType.Group, m.GroupId, SyncOperation.Upsert, 0);
                    }
                    break;
                case UserRole m:
                    affectedUsers.Add(m.UserId);
                    break;
                case GroupRole m:
                    affectedUsers.UnionWith(db.UserGroups.Where(x => x.GroupId == m.GroupId).Select(x => x.UserId));
                    break;
                case RoleComposite c:
                    changedRoles.Add(c.RoleId);
                    break;
                case Role r when entry.State == EntityState.Modified:
                    changedRoles.Add(r.Id);
                    break;
            }
        }

        if (changedRoles.Count > 0)
        {
            affectedUsers.UnionWith(HoldersOf(db, changedRoles));
        }

        var deletedUsers = jobs.Values.Where(j => j.EntityType == SyncEntityType.User && j.Operation == SyncOperation.Delete).Select(j => j.EntityId).ToHashSet();
        affectedUsers.ExceptWith(deletedUsers);
        if (affectedUsers.Count > 0 && userConnectors.Count > 0)
        {
            var ids = affectedUsers.ToList();
            var withSettings = db.UserConnectorSettings.AsNoTracking()
                .Where(s => ids.Contains(s.UserId))
                .Select(s => new { s.UserId, s.ConnectorId })
                .ToList();
            var versions = db.ChangeTracker.Entries<User>().ToDictionary(e => e.Entity.Id, e => e.Entity.Version);
            foreach (var s in withSettings.Where(s => userConnectors.Contains(s.ConnectorId)))
            {
                Add(s.ConnectorId, SyncEntityType.User, s.UserId, SyncOperation.Upsert, versions.GetValueOrDefault(s.UserId));
            }
        }

        // A user change can change any vendor group's members (a vendor may assign groups from the user's own
        // settings), so the connector's groups are pushed again after its users; the worker delivers users first.
        var touched = jobs.Values.Where(j => j.EntityType == SyncEntityType.User && groupConnectors.Contains(j.ConnectorId)).Select(j => j.ConnectorId).Distinct().ToList();
        if (touched.Count > 0)
        {
            var groups = db.GroupConnectorSettings.AsNoTracking()
                .Where(g => touched.Contains(g.ConnectorId))
                .Select(g => new { g.GroupId, g.ConnectorId })
                .ToList();
            foreach (var g in groups)
            {
                Add(g.ConnectorId, SyncEntityType.Group, g.GroupId, SyncOperation.Upsert, 0);
            }
        }

        db.SyncJobs.AddRange(jobs.Values);
    }

    // A connector that is faulted or disabled right now still gets its jobs: they wait in the table and go
    // out once it loads again, instead of the changes of that period being lost for it.
    /// <summary>
    /// Users whose effective roles include one of <paramref name="roles"/>: directly, through a group, or through
    /// a composite role that includes it (at any depth). A renamed or recomposed role changes what they project.
    /// </summary>
    private static IEnumerable<Guid> HoldersOf(HostDbContext db, HashSet<Guid> roles)
    {
        var edges = db.RoleComposites.AsNoTracking().ToList();
        var all = new HashSet<Guid>(roles);
        var queue = new Queue<Guid>(roles);
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
        var direct = db.UserRoles.AsNoTracking().Where(m => ids.Contains(m.RoleId)).Select(m => m.UserId).ToList();
        var groups = db.GroupRoles.AsNoTracking().Where(m => ids.Contains(m.RoleId)).Select(m => m.GroupId).ToList();
        var viaGroups = db.UserGroups.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.UserId).ToList();
        return direct.Concat(viaGroups);
    }

    /// <summary>
    /// The settings a delete job keeps: what a vendor delete may need to find the record (an extension, a login),
    /// never secrets or uploaded files, which would otherwise outlive the user in the outbox. Without the
    /// connector's schema nothing can be told apart, so nothing is kept; the recorded vendor id still finds it.
    /// </summary>
    private static JsonObject SettingsForDelete(IConnectorCatalog catalog, string connectorId, string? json, bool group)
    {
        var schema = catalog.Find(connectorId)?.Description?.Schema;
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

    private static HashSet<string> PushingConnectors(IConnectorCatalog catalog, ConnectorCapabilities capability) =>
        catalog.All
            .Where(c => c.Status != ConnectorStatus.Loaded || c.Description!.Manifest.Capabilities.HasFlag(capability))
            .Select(c => c.Id)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string ConnectorId, string Json)> StoredSettings(IEnumerable<(string ConnectorId, string Json)> rows, HashSet<string> connectors) =>
        rows.Where(r => connectors.Contains(r.ConnectorId));
}
