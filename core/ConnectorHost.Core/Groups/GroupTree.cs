using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups;

internal static class GroupTree
{
    /// <summary>Throws a 400 naming parentId when the parent is unknown or would make the tree a cycle.</summary>
    public static async Task CheckParentAsync(HostDbContext db, Guid? groupId, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent)
        {
            return;
        }
        var parents = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.ParentId, cancellationToken);
        if (!parents.ContainsKey(parent))
        {
            throw new ValidationFailedException([new("parentId", $"Parent group '{parent}' does not exist.")]);
        }
        if (!CanPlaceUnder(parents, groupId, parent))
        {
            throw new ValidationFailedException([new("parentId", "A group cannot be placed under itself or one of its descendants.")]);
        }
    }

    /// <summary>Whether <paramref name="groupId"/> (null: a new group) may be placed under <paramref name="parent"/>, given every group's parent.</summary>
    public static bool CanPlaceUnder(IReadOnlyDictionary<Guid, Guid?> parents, Guid? groupId, Guid parent)
    {
        // Walk up from the new parent; meeting the group itself means the change would close a cycle.
        var seen = new HashSet<Guid>();
        for (Guid? current = parent; current is { } c; current = parents.GetValueOrDefault(c))
        {
            if (c == groupId || !seen.Add(c))
            {
                return false;
            }
        }
        return true;
    }
}
