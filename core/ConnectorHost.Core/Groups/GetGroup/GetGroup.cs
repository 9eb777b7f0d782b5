using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.GetGroup;

public sealed record GetGroup(Guid Id) : IQuery<GroupDetails>;

/// <summary>A group with its members, roles and child groups as one flat representation that PUT accepts back.</summary>
public sealed record GroupDetails : GroupDto
{
    internal GroupDetails(GroupDto group, IReadOnlyList<Guid> memberIds, IReadOnlyList<Guid> roleIds, IReadOnlyList<Guid> childIds) : base(group)
    {
        MemberIds = memberIds;
        RoleIds = roleIds;
        ChildIds = childIds;
    }

    public IReadOnlyList<Guid> MemberIds { get; init; }
    public IReadOnlyList<Guid> RoleIds { get; init; }
    public IReadOnlyList<Guid> ChildIds { get; init; }
}

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
