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
    // The most frequent read of the API: compiled once, so each call skips EF's query-cache lookup.
    private static readonly Func<HostDbContext, Guid, CancellationToken, Task<Domain.User?>> FindUser =
        EF.CompileAsyncQuery((HostDbContext db, Guid id, CancellationToken _) => db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));
    private static readonly Func<HostDbContext, Guid, IAsyncEnumerable<Guid>> GroupIdsOf =
        EF.CompileAsyncQuery((HostDbContext db, Guid id) => db.UserGroups.Where(m => m.UserId == id).Select(m => m.GroupId));
    private static readonly Func<HostDbContext, Guid, IAsyncEnumerable<Guid>> RoleIdsOf =
        EF.CompileAsyncQuery((HostDbContext db, Guid id) => db.UserRoles.Where(m => m.UserId == id).Select(m => m.RoleId));
    private static readonly Func<HostDbContext, Guid, IAsyncEnumerable<string>> ConnectorIdsOf =
        EF.CompileAsyncQuery((HostDbContext db, Guid id) => db.UserConnectorSettings.Where(s => s.UserId == id).Select(s => s.ConnectorId));

    public async Task<UserDetails> Handle(GetUser request, CancellationToken cancellationToken)
    {
        // Four reads on one opened connection instead of four pool round trips.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var user = await FindUser(db, request.Id, cancellationToken) ?? throw new NotFoundException("User", request.Id);
            var groups = await GroupIdsOf(db, request.Id).ToListAsync(cancellationToken);
            var roles = await RoleIdsOf(db, request.Id).ToListAsync(cancellationToken);
            var connectors = await ConnectorIdsOf(db, request.Id).ToListAsync(cancellationToken);
            return new UserDetails(UserDto.From(user), groups, roles, connectors);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
