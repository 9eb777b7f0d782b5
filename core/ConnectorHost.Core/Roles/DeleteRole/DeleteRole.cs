using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.DeleteRole;

/// <summary>Deletes a role; its assignments, compositions and connector settings go with it.</summary>
public sealed record DeleteRole(Guid Id, VersionCondition? ExpectedVersion) : ICommand<Unit>;

internal sealed class DeleteRoleHandler(HostDbContext db, PendingNotifications notifications) : IRequestHandler<DeleteRole, Unit>
{
    public async Task<Unit> Handle(DeleteRole request, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Role", request.Id);
        VersionGuard.Check("Role", request.Id, request.ExpectedVersion, role.Version);
        // Removed explicitly so each row is audited and the holders' connectors hear of the lost role.
        db.UserRoles.RemoveRange(await db.UserRoles.Where(m => m.RoleId == role.Id).ToListAsync(cancellationToken));
        db.GroupRoles.RemoveRange(await db.GroupRoles.Where(m => m.RoleId == role.Id).ToListAsync(cancellationToken));
        db.RoleComposites.RemoveRange(await db.RoleComposites.Where(c => c.RoleId == role.Id || c.IncludedRoleId == role.Id).ToListAsync(cancellationToken));
        db.RoleConnectorSettings.RemoveRange(await db.RoleConnectorSettings.Where(s => s.RoleId == role.Id).ToListAsync(cancellationToken));
        db.Roles.Remove(role);
        notifications.Add(new RoleChanged(ChangeKind.Deleted, RoleSnapshots.From(role)));
        return Unit.Value;
    }
}
