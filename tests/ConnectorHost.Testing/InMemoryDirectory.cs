using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Testing;

/// <summary>An in-memory core model for plugin tests: users, groups, and one connector's settings.</summary>
public sealed class InMemoryDirectory : IDirectoryReader, IDirectoryWriter
{
    private readonly ConcurrentDictionary<Guid, UserSnapshot> _users = new();
    private readonly ConcurrentDictionary<Guid, JsonObject> _userSettings = new();
    private readonly ConcurrentDictionary<Guid, GroupSnapshot> _groups = new();
    private readonly ConcurrentDictionary<Guid, JsonObject> _groupSettings = new();
    private readonly ConcurrentDictionary<Guid, HashSet<Guid>> _members = new();
    private readonly ConcurrentDictionary<Guid, RoleContext> _roles = new();
    private readonly ConcurrentDictionary<Guid, HashSet<Guid>> _roleHolders = new();
    private readonly ConcurrentDictionary<Guid, HashSet<Guid>> _groupRoles = new();

    /// <summary>Adds a user (optionally with settings) and returns its snapshot.</summary>
    public UserSnapshot AddUser(string username, string firstName = "", string lastName = "", string? email = null,
        string? extension = null, JsonObject? settings = null, params string[] phoneNumbers)
    {
        var user = new UserSnapshot(Guid.NewGuid(), username, firstName, lastName,
            $"{firstName} {lastName}".Trim() is { Length: > 0 } name ? name : username,
            email, phoneNumbers, extension, "en-US", "Europe/Berlin", true, new Dictionary<string, string>(), 1);
        _users[user.Id] = user;
        if (settings is not null)
        {
            _userSettings[user.Id] = settings;
        }
        return user;
    }

    /// <summary>Adds a group (optionally with settings and members).</summary>
    public GroupSnapshot AddGroup(string key, string name, JsonObject? settings = null, params Guid[] members)
    {
        var group = new GroupSnapshot(Guid.NewGuid(), key, name, null, new Dictionary<string, string>(), 1);
        _groups[group.Id] = group;
        if (settings is not null)
        {
            _groupSettings[group.Id] = settings;
        }
        _members[group.Id] = [.. members];
        return group;
    }

    /// <summary>Adds a role with this connector's settings for it, held directly by <paramref name="holders"/>.</summary>
    public RoleSnapshot AddRole(string key, JsonObject? settings = null, params Guid[] holders)
    {
        var role = new RoleSnapshot(Guid.NewGuid(), key, key, null);
        _roles[role.Id] = new RoleContext(role, settings ?? new JsonObject());
        _roleHolders[role.Id] = [.. holders];
        return role;
    }

    /// <summary>Replaces a user's settings.</summary>
    public void SetUserSettings(Guid userId, JsonObject settings) => _userSettings[userId] = settings;

    /// <summary>A user's stored settings, or null.</summary>
    public JsonObject? UserSettings(Guid userId) => _userSettings.TryGetValue(userId, out var s) ? s : null;

    /// <summary>Builds the context a connector receives, with <paramref name="settings"/> in place of the stored ones when given.</summary>
    public UserContext ContextOf(Guid userId, JsonObject? settings = null)
    {
        var user = _users[userId];
        var groups = _members.Where(m => m.Value.Contains(userId)).Select(m => GroupContextOf(m.Key)).ToList();
        var viaGroups = groups.SelectMany(g => _groupRoles.TryGetValue(g.Group.Id, out var r) ? r : []);
        var roles = _roleHolders.Where(h => h.Value.Contains(userId)).Select(h => h.Key).Concat(viaGroups).Distinct().Select(id => _roles[id])
            .Select(r => r with { Settings = (JsonObject)r.Settings.DeepClone() })
            .OrderBy(r => r.Role.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new UserContext(user, settings ?? (JsonObject?)UserSettings(userId)?.DeepClone() ?? new JsonObject(), groups, roles);
    }

    /// <summary>Builds the group context a connector receives.</summary>
    public GroupContext GroupContextOf(Guid groupId, JsonObject? settings = null) =>
        new(_groups[groupId],
            settings ?? (_groupSettings.TryGetValue(groupId, out var s) ? (JsonObject)s.DeepClone() : new JsonObject()),
            _members.TryGetValue(groupId, out var m) ? [.. m] : []);

    /// <inheritdoc />
    public Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(_users.ContainsKey(userId) ? ContextOf(userId) : null);

    /// <inheritdoc />
    public Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken) =>
        Task.FromResult(_groups.ContainsKey(groupId) ? GroupContextOf(groupId) : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserContext>>(_userSettings.Keys.Where(_users.ContainsKey).Select(id => ContextOf(id)).ToList());

    /// <inheritdoc />
    /// <remarks>Compared by the SDK's <see cref="SettingLookup.Matches"/>, as the host does; this directory knows no schema, so a secret kept here in clear could match.</remarks>
    public async Task<IReadOnlyList<UserContext>> FindUsersBySettingAsync(string field, string value, SettingMatch match, CancellationToken cancellationToken) =>
        [.. (await ListUsersWithSettingsAsync(cancellationToken))
            .Where(u => SettingLookup.Matches(u.Settings, field, value, match))
            .OrderBy(u => u.User.Username.ToUpperInvariant(), StringComparer.Ordinal)];

    /// <inheritdoc />
    public async Task<UserContext?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken) =>
        UsernameKey.NormalizeOrNull(username) is { } wanted
            ? (await ListUsersWithSettingsAsync(cancellationToken)).FirstOrDefault(u => UsernameKey.Normalize(u.User.Username) == wanted)
            : null;

    /// <inheritdoc />
    public Task<Guid> CreateUserAsync(UserDraft draft, JsonObject settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(draft.Username))
        {
            throw new DirectoryWriteException([new FieldError("username", "Username is required.")]);
        }
        if (_users.Values.Any(u => string.Equals(u.Username, draft.Username, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DirectoryWriteException([new FieldError("username", $"Username '{draft.Username}' is already taken.")]) { IsConflict = true };
        }
        var user = AddUser(draft.Username, draft.FirstName, draft.LastName, draft.Email, draft.Extension, settings, [.. draft.PhoneNumbers]);
        _users[user.Id] = user with { Language = draft.Language, TimeZone = draft.TimeZone, Enabled = draft.Enabled };
        return Task.FromResult(user.Id);
    }

    /// <inheritdoc />
    public Task UpdateUserAsync(Guid userId, UserDraft draft, CancellationToken cancellationToken)
    {
        var user = _users.TryGetValue(userId, out var u) ? u : throw new DirectoryWriteException([new FieldError("userId", $"User '{userId}' was not found.")]);
        _users[userId] = user with
        {
            Username = draft.Username, FirstName = draft.FirstName, LastName = draft.LastName, Email = draft.Email,
            PhoneNumbers = [.. draft.PhoneNumbers], Extension = draft.Extension, Language = draft.Language, TimeZone = draft.TimeZone,
            Enabled = draft.Enabled, Version = user.Version + 1,
        };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PutGroupSettingsAsync(Guid groupId, JsonObject settings, CancellationToken cancellationToken)
    {
        Require(_groups.ContainsKey(groupId), "groupId", groupId);
        _groupSettings[groupId] = settings;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PutRoleSettingsAsync(Guid roleId, JsonObject settings, CancellationToken cancellationToken)
    {
        Require(_roles.TryGetValue(roleId, out var role), "roleId", roleId);
        _roles[roleId] = role! with { Settings = settings };
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetGroupMembershipAsync(Guid userId, Guid groupId, bool member, CancellationToken cancellationToken)
    {
        Require(_users.ContainsKey(userId), "userId", userId);
        Require(_members.TryGetValue(groupId, out var members), "groupId", groupId);
        _ = member ? members!.Add(userId) : members!.Remove(userId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetUserRoleAsync(Guid userId, Guid roleId, bool assigned, CancellationToken cancellationToken)
    {
        Require(_users.ContainsKey(userId), "userId", userId);
        Require(_roleHolders.TryGetValue(roleId, out var holders), "roleId", roleId);
        _ = assigned ? holders!.Add(userId) : holders!.Remove(userId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetGroupRoleAsync(Guid groupId, Guid roleId, bool assigned, CancellationToken cancellationToken)
    {
        Require(_groups.ContainsKey(groupId), "groupId", groupId);
        Require(_roles.ContainsKey(roleId), "roleId", roleId);
        var roles = _groupRoles.GetOrAdd(groupId, _ => []);
        _ = assigned ? roles.Add(roleId) : roles.Remove(roleId);
        return Task.CompletedTask;
    }

    private static void Require(bool found, string field, Guid id)
    {
        if (!found)
        {
            throw new DirectoryWriteException([new FieldError(field, $"'{id}' was not found.")]);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var removed = _users.TryRemove(userId, out _);
        _userSettings.TryRemove(userId, out _);
        foreach (var members in _members.Values)
        {
            members.Remove(userId);
        }
        return Task.FromResult(removed);
    }

    /// <summary>All users, for assertions.</summary>
    public IReadOnlyList<UserSnapshot> Users => [.. _users.Values];

    /// <inheritdoc />
    public Task PutUserSettingsAsync(Guid userId, JsonObject settings, CancellationToken cancellationToken)
    {
        _userSettings[userId] = settings;
        return Task.CompletedTask;
    }
}
