using ConnectorHost.Core.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.GetGroup;

public sealed record GetGroup(Guid Id) : IRequest<GroupDetails>;

public sealed record GroupDetails(GroupDto Group, IReadOnlyList<Guid> MemberIds, IReadOnlyList<Guid> RoleIds, IReadOnlyList<Guid> ChildIds);

internal sealed class GetGroupHandler(HostDbContext db) : IRequestHandler<GetGroup, GroupDetails>
{
    public async Task<GroupDetails> Handle(GetGroup request, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Group", request.Id);
        var members = await db.UserGroups.Where(m => m.GroupId == request.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        var roles = await db.GroupRoles.Where(m => m.GroupId == request.Id).Select(m => m.RoleId).ToListAsync(cancellationToken);
        var children = await db.Groups.Where(g => g.ParentId == request.Id).Select(g => g.Id).ToListAsync(cancellationToken);
        return new GroupDetails(GroupDto.From(group), members, roles, children);
    }
}
