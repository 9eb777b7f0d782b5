using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.GetRole;

public sealed record GetRole(Guid Id) : IQuery<RoleDto>;

internal sealed class GetRoleHandler(HostDbContext db) : IRequestHandler<GetRole, RoleDto>
{
    public async Task<RoleDto> Handle(GetRole request, CancellationToken cancellationToken)
    {
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Role", request.Id);
        var included = await db.RoleComposites.Where(c => c.RoleId == role.Id).Select(c => c.IncludedRoleId).ToListAsync(cancellationToken);
        return RoleDto.From(role, included);
    }
}
