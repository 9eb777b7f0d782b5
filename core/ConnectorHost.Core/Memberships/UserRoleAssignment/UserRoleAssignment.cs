using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;

namespace ConnectorHost.Core.Memberships.UserRoleAssignment;

/// <summary>Gives a role to a user (idempotent).</summary>
public sealed record AssignRoleToUser(Guid UserId, Guid RoleId) : ICommand<Unit>;

/// <summary>Takes a role from a user; 404 when the user does not have it directly.</summary>
public sealed record UnassignRoleFromUser(Guid UserId, Guid RoleId) : ICommand<Unit>;

internal sealed class UserRoleAssignmentHandler(HostDbContext db, PendingNotifications notifications, CoreChangeCheck connectors)
    : IRequestHandler<AssignRoleToUser, Unit>, IRequestHandler<UnassignRoleFromUser, Unit>
{
    public async Task<Unit> Handle(AssignRoleToUser request, CancellationToken cancellationToken)
    {
        await MembershipTargets.RequireAsync(db.Users, "User", request.UserId, cancellationToken);
        await MembershipTargets.RequireAsync(db.Roles, "Role", request.RoleId, cancellationToken);
        if (await db.UserRoles.FindAsync([request.UserId, request.RoleId], cancellationToken) is null)
        {
            db.UserRoles.Add(new UserRole { UserId = request.UserId, RoleId = request.RoleId });
            notifications.Add(new MembershipChanged(MembershipKind.UserRole, true, request.UserId, request.RoleId));
            await connectors.CheckAsync([request.UserId], before: null, cancellationToken);
        }
        return Unit.Value;
    }

    public async Task<Unit> Handle(UnassignRoleFromUser request, CancellationToken cancellationToken)
    {
        var assignment = await db.UserRoles.FindAsync([request.UserId, request.RoleId], cancellationToken)
            ?? throw new NotFoundException("Role assignment", $"{request.RoleId} on user {request.UserId}");
        db.UserRoles.Remove(assignment);
        notifications.Add(new MembershipChanged(MembershipKind.UserRole, false, request.UserId, request.RoleId));
        await connectors.CheckAsync([request.UserId], before: null, cancellationToken);
        return Unit.Value;
    }
}
