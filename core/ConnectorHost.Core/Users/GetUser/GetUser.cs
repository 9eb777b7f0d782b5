using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.GetUser;

public sealed record GetUser(Guid Id) : IQuery<UserDetails>;

/// <summary>
/// A user with its direct group and role memberships and the connectors holding settings for it, as one flat
/// representation: what GET returns can be sent back to PUT (the membership lists are read-only there).
/// </summary>
public sealed record UserDetails : UserDto
{
    internal UserDetails(UserDto user, IReadOnlyList<Guid> groupIds, IReadOnlyList<Guid> roleIds, IReadOnlyList<string> connectorIds) : base(user)
    {
        GroupIds = groupIds;
        RoleIds = roleIds;
        ConnectorIds = connectorIds;
    }

    public IReadOnlyList<Guid> GroupIds { get; init; }
    public IReadOnlyList<Guid> RoleIds { get; init; }
    public IReadOnlyList<string> ConnectorIds { get; init; }
}

internal sealed class GetUserHandler(HostDbContext db) : IRequestHandler<GetUser, UserDetails>
{
    public async Task<UserDetails> Handle(GetUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("User", request.Id);
        var groups = await db.UserGroups.Where(m => m.UserId == request.Id).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.Where(m => m.UserId == request.Id).Select(m => m.RoleId).ToListAsync(cancellationToken);
        var connectors = await db.UserConnectorSettings.Where(s => s.UserId == request.Id).Select(s => s.ConnectorId).ToListAsync(cancellationToken);
        return new UserDetails(UserDto.From(user), groups, roles, connectors);
    }
}
