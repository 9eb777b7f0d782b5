using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.DeleteUser;

/// <summary>Deletes a user with its memberships and connector settings.</summary>
public sealed record DeleteUser(Guid Id, VersionCondition? ExpectedVersion) : ICommand<Unit>;

internal sealed class DeleteUserHandler(HostDbContext db, PendingNotifications notifications)
    : IRequestHandler<DeleteUser, Unit>
{
    public async Task<Unit> Handle(DeleteUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("User", request.Id);
        VersionGuard.Check("User", request.Id, request.ExpectedVersion, user.Version);
        // Removed explicitly (not only by the database's cascade) so each row is audited.
        db.UserGroups.RemoveRange(await db.UserGroups.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserRoles.RemoveRange(await db.UserRoles.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserConnectorSettings.RemoveRange(await db.UserConnectorSettings.Where(s => s.UserId == user.Id).ToListAsync(cancellationToken));
        db.Users.Remove(user);
        notifications.Add(new UserChanged(ChangeKind.Deleted, UserSnapshots.From(user)));
        return Unit.Value;
    }
}
