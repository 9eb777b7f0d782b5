using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Memberships.GroupRoleAssignment;

/// <summary>Gives a role to every member of a group (idempotent).</summary>
public sealed record AssignRoleToGroup(Guid GroupId, Guid RoleId) : ICommand<Unit>;

/// <summary>Takes a role from a group; 404 when the group does not have it.</summary>
public sealed record UnassignRoleFromGroup(Guid GroupId, Guid RoleId) : ICommand<Unit>;

internal sealed class GroupRoleAssignmentHandler(HostDbContext db, PendingNotifications notifications, CoreChangeCheck connectors)
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
            await connectors.CheckAsync(await MembersAsync(request.GroupId, cancellationToken), before: null, cancellationToken);
        }
        return Unit.Value;
    }

    public async Task<Unit> Handle(UnassignRoleFromGroup request, CancellationToken cancellationToken)
    {
        var assignment = await db.GroupRoles.FindAsync([request.GroupId, request.RoleId], cancellationToken)
            ?? throw new NotFoundException("Role assignment", $"{request.RoleId} on group {request.GroupId}");
        db.GroupRoles.Remove(assignment);
        notifications.Add(new MembershipChanged(MembershipKind.GroupRole, false, request.GroupId, request.RoleId));
        await connectors.CheckAsync(await MembersAsync(request.GroupId, cancellationToken), before: null, cancellationToken);
        return Unit.Value;
    }

    // A group's roles reach its direct members (see DirectoryQueries), so they are the users whose view changes.
    private async Task<List<Guid>> MembersAsync(Guid groupId, CancellationToken cancellationToken) =>
        await db.UserGroups.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
}
