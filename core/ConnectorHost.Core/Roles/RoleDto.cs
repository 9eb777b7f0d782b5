using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Roles;

public sealed record RoleDto(Guid Id, string Key, string Name, string? Description, IReadOnlyList<Guid> IncludedRoleIds, int Version, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static RoleDto From(Role r, IReadOnlyList<Guid> included) => new(r.Id, r.Key, r.Name, r.Description, included, r.Version, r.CreatedAt, r.UpdatedAt);

    /// <summary>Each role with the roles it includes directly, from the composition rows read for them (a list or a picker).</summary>
    internal static List<RoleDto> FromAll(IEnumerable<Role> roles, IEnumerable<RoleComposite> composites)
    {
        var included = composites.ToLookup(c => c.RoleId, c => c.IncludedRoleId);
        return [.. roles.Select(r => From(r, [.. included[r.Id]]))];
    }
}
