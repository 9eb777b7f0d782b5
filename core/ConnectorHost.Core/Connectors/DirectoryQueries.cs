using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Roles;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Connectors;

/// <summary>
/// Builds the SDK's views of users and groups for one connector, with that connector's settings only (user, group and
/// role settings). These views go to the plugin, so this is where stored secrets are decrypted (<see cref="SettingsSecrets.Open"/>).
/// </summary>
internal static class DirectoryQueries
{
    public static async Task<UserContext?> LoadUserAsync(HostDbContext db, SettingsSecrets secrets, string connectorId, Guid userId, CancellationToken cancellationToken)
    {
        var list = await LoadUsersAsync(db, secrets, connectorId, db.Users.Where(u => u.Id == userId), cancellationToken);
        // One user: the plugin may need its files' bytes (a push uploads them); lists carry references only.
        await Files.FileFields.AttachContentAsync(db, [.. list.Select(u => u.Settings)], cancellationToken);
        return list.FirstOrDefault();
    }

    public static Task<IReadOnlyList<UserContext>> LoadUsersWithSettingsAsync(HostDbContext db, SettingsSecrets secrets, string connectorId, CancellationToken cancellationToken) =>
        LoadUsersAsync(db, secrets, connectorId, db.Users.Where(u => db.UserConnectorSettings.Any(s => s.UserId == u.Id && s.ConnectorId == connectorId)), cancellationToken);

    /// <summary>
    /// The users whose settings have <paramref name="field"/> = <paramref name="value"/>: their ids from the lookup index
    /// (<see cref="SettingLookupSql"/>, NOCASE), then compared exactly by the SDK's rule on the documents found.
    /// </summary>
    public static async Task<IReadOnlyList<UserContext>> FindUsersBySettingAsync(HostDbContext db, SettingsSecrets secrets, string connectorId,
        string field, string value, SettingMatch match, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQuery<Guid>(SettingLookupSql.Find(connectorId, field, value)).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        var users = await LoadUsersAsync(db, secrets, connectorId, db.Users.Where(u => ids.Contains(u.Id)), cancellationToken);
        return [.. users.Where(u => SettingLookup.Matches(u.Settings, field, value, match))];
    }

    /// <summary>Every value of <paramref name="field"/> with its user, straight from the lookup index (no settings document is read).</summary>
    public static async Task<IReadOnlyList<SettingValue>> ListSettingValuesAsync(HostDbContext db, string connectorId, string field, CancellationToken cancellationToken) =>
        await PlainSql.ReadRowsAsync(db, command =>
        {
            command.CommandText = SettingLookupSql.ValuesOf;
            command.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$connector", connectorId));
            command.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$field", field));
        }, reader => new SettingValue(Guid.Parse(reader.GetString(0)), reader.GetString(1)), cancellationToken);

    public static async Task<IReadOnlyList<UserContext>> LoadUsersAsync(HostDbContext db, SettingsSecrets secrets, string connectorId, IQueryable<Domain.User> users, CancellationToken cancellationToken)
    {
        var loaded = await users.AsNoTracking().OrderBy(u => u.NormalizedUsername).ToListAsync(cancellationToken);
        if (loaded.Count == 0)
        {
            return [];
        }
        var ids = loaded.Select(u => u.Id).ToList();
        var settings = await db.UserConnectorSettings.AsNoTracking()
            .Where(s => s.ConnectorId == connectorId && ids.Contains(s.UserId))
            .ToDictionaryAsync(s => s.UserId, s => s.Json, cancellationToken);
        var memberships = await db.UserGroups.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken);
        var groupIds = memberships.Select(m => m.GroupId).Distinct().ToList();
        var groups = await LoadGroupsAsync(db, secrets, connectorId, groupIds, cancellationToken);
        var userRoles = await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(cancellationToken);
        var groupRoles = await db.GroupRoles.AsNoTracking().Where(r => groupIds.Contains(r.GroupId)).ToListAsync(cancellationToken);
        // Composite edges and roles once for the whole batch, not per user.
        var edges = userRoles.Count + groupRoles.Count == 0 ? [] : await db.RoleComposites.AsNoTracking().ToListAsync(cancellationToken);
        var roles = userRoles.Count + groupRoles.Count == 0
            ? []
            : await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);
        var roleSettings = roles.Count == 0
            ? []
            : await db.RoleConnectorSettings.AsNoTracking().Where(s => s.ConnectorId == connectorId)
                .ToDictionaryAsync(s => s.RoleId, s => s.Json, cancellationToken);

        var result = new List<UserContext>(loaded.Count);
        foreach (var user in loaded)
        {
            var myGroups = memberships.Where(m => m.UserId == user.Id).Select(m => m.GroupId).Where(groups.ContainsKey).ToList();
            var direct = userRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId)
                .Concat(groupRoles.Where(r => myGroups.Contains(r.GroupId)).Select(r => r.RoleId))
                .ToHashSet();
            result.Add(new UserContext(
                UserSnapshots.From(user),
                secrets.Open(Parse(settings.GetValueOrDefault(user.Id))),
                myGroups.Select(id => groups[id]).OrderBy(g => g.Group.Key, StringComparer.OrdinalIgnoreCase).ToList(),
                RoleComposition.Expand(direct, edges)
                    .Select(id => roles.GetValueOrDefault(id))
                    .OfType<Domain.Role>()
                    .OrderBy(r => r.NormalizedKey, StringComparer.Ordinal)
                    .Select(r => new RoleContext(RoleSnapshots.From(r), secrets.Open(Parse(roleSettings.GetValueOrDefault(r.Id)))))
                    .ToList()));
        }
        return result;
    }

    public static async Task<GroupContext?> LoadGroupAsync(HostDbContext db, SettingsSecrets secrets, string connectorId, Guid groupId, CancellationToken cancellationToken)
    {
        var group = (await LoadGroupsAsync(db, secrets, connectorId, [groupId], cancellationToken)).GetValueOrDefault(groupId);
        if (group is not null)
        {
            await Files.FileFields.AttachContentAsync(db, [group.Settings], cancellationToken);
        }
        return group;
    }

    /// <summary>Groups with this connector's settings and their direct members, in three queries whatever the count.</summary>
    internal static async Task<Dictionary<Guid, GroupContext>> LoadGroupsAsync(HostDbContext db, SettingsSecrets secrets, string connectorId, List<Guid> groupIds, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToListAsync(cancellationToken);
        var settings = await db.GroupConnectorSettings.AsNoTracking()
            .Where(s => s.ConnectorId == connectorId && groupIds.Contains(s.GroupId))
            .ToDictionaryAsync(s => s.GroupId, s => s.Json, cancellationToken);
        var members = await db.UserGroups.AsNoTracking().Where(m => groupIds.Contains(m.GroupId)).ToListAsync(cancellationToken);
        return groups.ToDictionary(g => g.Id, g => new GroupContext(
            GroupSnapshots.From(g),
            secrets.Open(Parse(settings.GetValueOrDefault(g.Id))),
            members.Where(m => m.GroupId == g.Id).Select(m => m.UserId).ToList()));
    }

    public static JsonObject Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new JsonObject();
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }
}
