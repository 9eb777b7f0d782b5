using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;

namespace ConnectorHost.Core.Memberships.GroupRoleAssignment;

/// <summary>Gives a role to every member of a group (idempotent).</summary>
public sealed record AssignRoleToGroup(Guid GroupId, Guid RoleId) : ICommand<Unit>;

/// <summary>Takes a role from a group; 404 when the group does not have it.</summary>
public sealed record UnassignRoleFromGroup(Guid GroupId, Guid RoleId) : ICommand<Unit>;

internal sealed class GroupRoleAssignmentHandler(HostDbContext db, PendingNotifications notifications)
    : IRequestHandler<AssignRoleToGroup, Unit>, IRequestHandler<UnassignRoleFromGroup, Unit>
{
    public async Task<Unit> Handle(AssignRoleToGroup request, CancellationToken cancellationToken)
    {
        await MembershipTargets.RequireAsync(db.Groups, "Group", request.GroupId, cancellationToken);
        await MembershipTargets.RequireAsync(db.Roles, "Role", request.RoleId, cancellationToken);
        if (await db.GroupRoles.FindAsync([request.GroupId, request.RoleId], cancellationToken) is null)
        {
            db.GroupRoles.Add(new GroupRole { GroupId = request.GroupId, RoleId = request.RoleId });
            notifications.Add(new MembershipChanged(MembershipKind.GroupRole, true, request.GroupId, request.RoleId));
        }
        return Unit.Value;
    }

    public async Task<Unit> Handle(UnassignRoleFromGroup request, CancellationToken cancellationToken)
    {
        var assignment = await db.GroupRoles.FindAsync([request.GroupId, request.RoleId], cancellationToken)
            ?? throw new NotFoundException("Role assignment", $"{request.RoleId} on group {request.GroupId}");
        db.GroupRoles.Remove(assignment);
        notifications.Add(new MembershipChanged(MembershipKind.GroupRole, false, request.GroupId, request.RoleId));
        return Unit.Value;
    }
}
