using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;

namespace ConnectorHost.Core.Memberships.GroupMembership;

/// <summary>Adds a user to a group (idempotent).</summary>
public sealed record AddUserToGroup(Guid UserId, Guid GroupId) : ICommand<Unit>;

/// <summary>Removes a user from a group; 404 when the user is not a member.</summary>
public sealed record RemoveUserFromGroup(Guid UserId, Guid GroupId) : ICommand<Unit>;

internal sealed class GroupMembershipHandler(HostDbContext db, PendingNotifications notifications, CoreChangeCheck connectors)
    : IRequestHandler<AddUserToGroup, Unit>, IRequestHandler<RemoveUserFromGroup, Unit>
{
    public async Task<Unit> Handle(AddUserToGroup request, CancellationToken cancellationToken)
    {
        await MembershipTargets.RequireAsync(db.Users, "User", request.UserId, cancellationToken);
        await MembershipTargets.RequireAsync(db.Groups, "Group", request.GroupId, cancellationToken);
        if (await db.UserGroups.FindAsync([request.UserId, request.GroupId], cancellationToken) is null)
        {
            db.UserGroups.Add(new UserGroup { UserId = request.UserId, GroupId = request.GroupId });
            notifications.Add(new MembershipChanged(MembershipKind.UserGroup, true, request.UserId, request.GroupId));
            await connectors.CheckAsync([request.UserId], before: null, cancellationToken);
        }
        return Unit.Value;
    }

    public async Task<Unit> Handle(RemoveUserFromGroup request, CancellationToken cancellationToken)
    {
        var membership = await db.UserGroups.FindAsync([request.UserId, request.GroupId], cancellationToken)
            ?? throw new NotFoundException("Membership", $"{request.UserId} in {request.GroupId}");
        db.UserGroups.Remove(membership);
        notifications.Add(new MembershipChanged(MembershipKind.UserGroup, false, request.UserId, request.GroupId));
        await connectors.CheckAsync([request.UserId], before: null, cancellationToken);
        return Unit.Value;
    }
}
