using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.RenameRole;

/// <summary>Changes a role's unique key.</summary>
public sealed record RenameRole(Guid Id, VersionCondition? ExpectedVersion, string Key) : ICommand<RoleDto>;

internal sealed class RenameRoleValidator : AbstractValidator<RenameRole>
{
    public RenameRoleValidator() => RuleFor(x => x.Key).ValidKey();
}

internal sealed class RenameRoleHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<RenameRole, RoleDto>
{
    public async Task<RoleDto> Handle(RenameRole request, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Role", request.Id);
        VersionGuard.Check("Role", request.Id, request.ExpectedVersion, role.Version);
        var normalized = UsernameKey.Normalize(request.Key);
        if (normalized != role.NormalizedKey && await db.Roles.AnyAsync(r => r.NormalizedKey == normalized, cancellationToken))
        {
            throw new ConflictException($"Role key '{request.Key.Trim()}' is already taken.", [new("key", "Role key is already taken.")]);
        }
        role.Key = UsernameKey.Canonical(request.Key);
        role.NormalizedKey = normalized;
        role.MarkChanged();
        var included = await db.RoleComposites.Where(c => c.RoleId == role.Id).Select(c => c.IncludedRoleId).ToListAsync(cancellationToken);
        notifications.Add(new RoleChanged(ChangeKind.Updated, RoleSnapshots.From(role)));
        return RoleDto.From(role, included);
    }
}
