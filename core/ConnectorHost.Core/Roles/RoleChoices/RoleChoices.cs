using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.RoleChoices;

/// <summary>Every role, by name, for a picker (not a page: a picker must offer all of them).</summary>
public sealed record RoleChoices : IQuery<IReadOnlyList<RoleDto>>;

internal sealed class RoleChoicesHandler(HostDbContext db) : IRequestHandler<RoleChoices, IReadOnlyList<RoleDto>>
{
    public async Task<IReadOnlyList<RoleDto>> Handle(RoleChoices request, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return RoleDto.FromAll(roles, await db.RoleComposites.AsNoTracking().ToListAsync(cancellationToken));
    }
}
