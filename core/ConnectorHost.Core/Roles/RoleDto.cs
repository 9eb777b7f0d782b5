using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Roles;

public sealed record RoleDto(Guid Id, string Key, string Name, string? Description, IReadOnlyList<Guid> IncludedRoleIds, int Version, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static RoleDto From(Role r, IReadOnlyList<Guid> included) => new(r.Id, r.Key, r.Name, r.Description, included, r.Version, r.CreatedAt, r.UpdatedAt);
}
