using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Core.Memberships.GroupMembership;
using ConnectorHost.Core.Memberships.GroupRoleAssignment;
using ConnectorHost.Core.Memberships.UserRoleAssignment;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.Users.DeleteUser;
using ConnectorHost.Core.Users.DisableUser;
using ConnectorHost.Core.Users.RenameUser;
using ConnectorHost.Core.Users.UpdateUser;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Connectors;

/// <summary>
/// A connector's view of the directory. Writes go through the same use cases as the API, so the same rules, audit
/// and notifications apply; a write of several steps runs in one savepoint, so a refused step leaves nothing behind.
/// </summary>
internal sealed class ConnectorDirectory(HostDbContext db, IMediator mediator, Savepoints savepoints, Secrets.SettingsSecrets secrets, string connectorId) : IDirectoryReader, IDirectoryWriter
{
    public Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken) =>
        DirectoryQueries.LoadUserAsync(db, secrets, connectorId, userId, cancellationToken);

    public Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken) =>
        DirectoryQueries.LoadGroupAsync(db, secrets, connectorId, groupId, cancellationToken);

    public Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken) =>
        DirectoryQueries.LoadUsersWithSettingsAsync(db, secrets, connectorId, cancellationToken);

    public Task<IReadOnlyList<UserContext>> FindUsersBySettingAsync(string field, string value, SettingMatch match, CancellationToken cancellationToken) =>
        DirectoryQueries.FindUsersBySettingAsync(db, secrets, connectorId, field, value, match, cancellationToken);

    public Task<IReadOnlyList<SettingValue>> ListSettingValuesAsync(string field, CancellationToken cancellationToken) =>
        DirectoryQueries.ListSettingValuesAsync(db, connectorId, field, cancellationToken);

    public async Task<UserContext?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        if (UsernameKey.NormalizeOrNull(username) is not { } normalized)
        {
            return null;
        }
        var found = await DirectoryQueries.LoadUsersAsync(db, secrets, connectorId,
            db.Users.Where(u => u.NormalizedUsername == normalized && db.UserConnectorSettings.Any(s => s.UserId == u.Id && s.ConnectorId == connectorId)),
            cancellationToken);
        return found.FirstOrDefault();
    }

    public Task<Guid> CreateUserAsync(UserDraft user, JsonObject settings, CancellationToken cancellationToken) =>
        // User and settings are one unit: a refused settings document must not leave a user without them (an import's skipped row).
        WriteAsync(async () =>
        {
            var created = await mediator.Send(new CreateUser(user.Username, user.FirstName, user.LastName, user.DisplayName, user.Email,
                user.PhoneNumbers, user.Extension, user.Language, user.TimeZone, user.Enabled, user.Attributes), cancellationToken);
            await mediator.Send(new PutConnectorSettings(SettingsOwner.User, created.Id, connectorId, settings, null), cancellationToken);
            return created.Id;
        }, cancellationToken);

    public Task UpdateUserAsync(Guid userId, UserDraft user, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var stored = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
                ?? throw new NotFoundException("User", userId);
            if (!string.Equals(UsernameKey.Normalize(user.Username), stored.NormalizedUsername, StringComparison.Ordinal))
            {
                await mediator.Send(new RenameUser(userId, null, user.Username), cancellationToken);
            }
            await mediator.Send(new UpdateUser(userId, null, user.FirstName, user.LastName, user.DisplayName, user.Email, user.PhoneNumbers,
                user.Extension, user.Language, user.TimeZone, user.Attributes ?? new Dictionary<string, string>(stored.Attributes)), cancellationToken);
            if (user.Enabled != stored.Enabled)
            {
                await mediator.Send(new DisableUser(userId, null, Disabled: !user.Enabled), cancellationToken);
            }
            return true;
        }, cancellationToken);

    public async Task<bool> DeleteUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return false;
        }
        await mediator.Send(new DeleteUser(userId, null), cancellationToken);
        return true;
    }

    public Task PutUserSettingsAsync(Guid userId, JsonObject settings, CancellationToken cancellationToken) =>
        PutSettingsAsync(SettingsOwner.User, userId, settings, cancellationToken);

    public Task PutGroupSettingsAsync(Guid groupId, JsonObject settings, CancellationToken cancellationToken) =>
        PutSettingsAsync(SettingsOwner.Group, groupId, settings, cancellationToken);

    public Task PutRoleSettingsAsync(Guid roleId, JsonObject settings, CancellationToken cancellationToken) =>
        PutSettingsAsync(SettingsOwner.Role, roleId, settings, cancellationToken);

    public Task SetGroupMembershipAsync(Guid userId, Guid groupId, bool member, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            if (member)
            {
                await mediator.Send(new AddUserToGroup(userId, groupId), cancellationToken);
            }
            else if (await db.UserGroups.AnyAsync(m => m.UserId == userId && m.GroupId == groupId, cancellationToken))
            {
                await mediator.Send(new RemoveUserFromGroup(userId, groupId), cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task SetUserRoleAsync(Guid userId, Guid roleId, bool assigned, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            if (assigned)
            {
                await mediator.Send(new AssignRoleToUser(userId, roleId), cancellationToken);
            }
            else if (await db.UserRoles.AnyAsync(m => m.UserId == userId && m.RoleId == roleId, cancellationToken))
            {
                await mediator.Send(new UnassignRoleFromUser(userId, roleId), cancellationToken);
            }
            return true;
        }, cancellationToken);

    public Task SetGroupRoleAsync(Guid groupId, Guid roleId, bool assigned, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            if (assigned)
            {
                await mediator.Send(new AssignRoleToGroup(groupId, roleId), cancellationToken);
            }
            else if (await db.GroupRoles.AnyAsync(m => m.GroupId == groupId && m.RoleId == roleId, cancellationToken))
            {
                await mediator.Send(new UnassignRoleFromGroup(groupId, roleId), cancellationToken);
            }
            return true;
        }, cancellationToken);

    private Task PutSettingsAsync(SettingsOwner owner, Guid ownerId, JsonObject settings, CancellationToken cancellationToken) =>
        WriteAsync(() => mediator.Send(new PutConnectorSettings(owner, ownerId, connectorId, settings, null), cancellationToken), cancellationToken);

    /// <summary>One all-or-nothing write; the core's refusals become the SDK's <see cref="DirectoryWriteException"/>.</summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await savepoints.RunAsync(write, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            throw new DirectoryWriteException(ex.Errors);
        }
        catch (ConflictException ex)
        {
            throw new DirectoryWriteException(ex.Errors.Count > 0 ? ex.Errors : [new("", ex.Message)]) { IsConflict = true };
        }
        catch (NotFoundException ex)
        {
            // "User" names the field userId, "Group" groupId, "Role" roleId.
            throw new DirectoryWriteException([new(char.ToLowerInvariant(ex.Entity[0]) + ex.Entity[1..].Replace(" ", "", StringComparison.Ordinal) + "Id", ex.Message)]);
        }
    }
}
