using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles;

internal static class RoleComposition
{
    /// <summary>Replaces the roles a composite role includes, refusing unknown roles and cycles (400 naming includedRoleIds).</summary>
    public static async Task SetIncludedAsync(HostDbContext db, Guid roleId, IReadOnlyList<Guid> included, CancellationToken cancellationToken)
    {
        var distinct = included.Distinct().ToList();
        var edges = await db.RoleComposites.AsNoTracking().Where(c => c.RoleId != roleId).ToListAsync(cancellationToken);
        var known = await db.Roles.Where(r => distinct.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var unknown = distinct.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException([new("includedRoleIds", $"Unknown role(s): {string.Join(", ", unknown)}.")]);
        }
        var children = edges.GroupBy(e => e.RoleId).ToDictionary(g => g.Key, g => g.Select(e => e.IncludedRoleId).ToList());
        children[roleId] = distinct;
        // Depth-first from the role: reaching it again means the new composition closes a cycle.
        var stack = new Stack<Guid>(distinct);
        var seen = new HashSet<Guid>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == roleId)
            {
                throw new ValidationFailedException([new("includedRoleIds", "A role cannot include itself, directly or through other roles.")]);
            }
            if (seen.Add(current) && children.TryGetValue(current, out var next))
            {
                next.ForEach(stack.Push);
            }
        }
        var existing = await db.RoleComposites.Where(c => c.RoleId == roleId).ToListAsync(cancellationToken);
        db.RoleComposites.RemoveRange(existing.Where(e => !distinct.Contains(e.IncludedRoleId)));
        db.RoleComposites.AddRange(distinct.Where(d => existing.All(e => e.IncludedRoleId != d)).Select(d => new RoleComposite { RoleId = roleId, IncludedRoleId = d }));
    }

    /// <summary>All role ids reachable from <paramref name="direct"/> through composite roles, the direct ones included.</summary>
    public static HashSet<Guid> Expand(IReadOnlyCollection<Guid> direct, IReadOnlyList<RoleComposite> edges)
    {
        var all = new HashSet<Guid>(direct);
        var stack = new Stack<Guid>(direct);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            foreach (var child in edges.Where(e => e.RoleId == current).Select(e => e.IncludedRoleId))
            {
                if (all.Add(child))
                {
                    stack.Push(child);
                }
            }
        }
        return all;
    }
}
