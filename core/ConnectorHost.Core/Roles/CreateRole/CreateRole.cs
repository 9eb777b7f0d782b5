using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.CreateRole;

public sealed record CreateRole(string Key, string Name, string? Description = null, IReadOnlyList<Guid>? IncludedRoleIds = null) : ICommand<RoleDto>;

internal sealed class CreateRoleValidator : AbstractValidator<CreateRole>
{
    public CreateRoleValidator()
    {
        RuleFor(x => x.Key).ValidKey();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(2000);
    }
}

internal sealed class CreateRoleHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<CreateRole, RoleDto>
{
    public async Task<RoleDto> Handle(CreateRole request, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(request.Key);
        if (await db.Roles.AnyAsync(r => r.NormalizedKey == normalized, cancellationToken))
        {
            throw new ConflictException($"Role key '{request.Key.Trim()}' is already taken.", [new("key", "Role key is already taken.")]);
        }
        var now = DateTime.UtcNow;
        var role = new Role
        {
            Id = Guid.NewGuid(),
            Key = UsernameKey.Canonical(request.Key),
            NormalizedKey = normalized,
            Name = request.Name.Trim(),
            Description = request.Description?.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Roles.Add(role);
        var included = request.IncludedRoleIds ?? [];
        await RoleComposition.SetIncludedAsync(db, role.Id, included, cancellationToken);
        notifications.Add(new RoleChanged(ChangeKind.Created, RoleSnapshots.From(role)));
        return RoleDto.From(role, included.Distinct().ToList());
    }
}
