using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;

namespace ConnectorHost.Core.Roles.UpdateRole;

/// <summary>Replaces a role's name, description and included roles (the key changes only through RenameRole).</summary>
public sealed record UpdateRole(Guid Id, int? ExpectedVersion, string Name, string? Description = null, IReadOnlyList<Guid>? IncludedRoleIds = null) : ICommand<RoleDto>;

internal sealed class UpdateRoleValidator : AbstractValidator<UpdateRole>
{
    public UpdateRoleValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(2000);
    }
}

internal sealed class UpdateRoleHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<UpdateRole, RoleDto>
{
    public async Task<RoleDto> Handle(UpdateRole request, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Role", request.Id);
        VersionGuard.Check("Role", request.Id, request.ExpectedVersion, role.Version);
        var included = request.IncludedRoleIds ?? [];
        await RoleComposition.SetIncludedAsync(db, role.Id, included, cancellationToken);
        role.Name = request.Name.Trim();
        role.Description = request.Description?.Trim();
        role.MarkChanged();
        notifications.Add(new RoleChanged(ChangeKind.Updated, RoleSnapshots.From(role)));
        return RoleDto.From(role, included.Distinct().ToList());
    }
}
