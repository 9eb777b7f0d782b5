using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.DeleteGroup;

/// <summary>Deletes a group with its memberships and settings; a group with child groups cannot be deleted.</summary>
public sealed record DeleteGroup(Guid Id, VersionCondition? ExpectedVersion) : ICommand<Unit>;

internal sealed class DeleteGroupHandler(HostDbContext db, PendingNotifications notifications) : IRequestHandler<DeleteGroup, Unit>
{
    public async Task<Unit> Handle(DeleteGroup request, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Group", request.Id);
        VersionGuard.Check("Group", request.Id, request.ExpectedVersion, group.Version);
        var children = await db.Groups.Where(g => g.ParentId == group.Id).Select(g => g.Key).ToListAsync(cancellationToken);
        if (children.Count > 0)
        {
            throw new ConflictException($"Group '{group.Key}' still has child groups: {string.Join(", ", children)}. Move or delete them first.");
        }
        // Removed explicitly so each row is audited and the members' connectors hear of the lost membership.
        db.UserGroups.RemoveRange(await db.UserGroups.Where(m => m.GroupId == group.Id).ToListAsync(cancellationToken));
        db.GroupRoles.RemoveRange(await db.GroupRoles.Where(m => m.GroupId == group.Id).ToListAsync(cancellationToken));
        db.GroupConnectorSettings.RemoveRange(await db.GroupConnectorSettings.Where(s => s.GroupId == group.Id).ToListAsync(cancellationToken));
        db.Groups.Remove(group);
        notifications.Add(new GroupChanged(ChangeKind.Deleted, GroupSnapshots.From(group)));
        return Unit.Value;
    }
}
