using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;

namespace ConnectorHost.Core.Roles.UpdateRole;

/// <summary>Replaces a role's name, description and included roles (the key changes only through RenameRole; <see cref="Key"/>, when sent back, must equal the stored one).</summary>
public sealed record UpdateRole(Guid Id, VersionCondition? ExpectedVersion, string Name, string? Description = null, IReadOnlyList<Guid>? IncludedRoleIds = null, string? Key = null) : ICommand<RoleDto>;

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
        ReadOnlyMembers.RequireUnchanged("key", request.Key is null ? null : UsernameKey.Canonical(request.Key), role.Key, "rename the role to change it.");
        var included = request.IncludedRoleIds ?? [];
        await RoleComposition.SetIncludedAsync(db, role.Id, included, cancellationToken);
        role.Name = request.Name.Trim();
        role.Description = request.Description?.Trim();
        role.MarkChanged();
        notifications.Add(new RoleChanged(ChangeKind.Updated, RoleSnapshots.From(role)));
        return RoleDto.From(role, included.Distinct().ToList());
    }
}
