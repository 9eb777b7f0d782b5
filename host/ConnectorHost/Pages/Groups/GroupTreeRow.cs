using ConnectorHost.Core.Groups;

namespace ConnectorHost.Pages.Groups;

/// <summary>A group in the tree listing, with its depth below the top.</summary>
internal sealed record GroupTreeRow(GroupDto Group, int Depth)
{
    /// <summary>Parents before children, siblings by name; groups whose parent is not listed start at the top.</summary>
    public static IReadOnlyList<GroupTreeRow> Of(IReadOnlyList<GroupDto> groups)
    {
        var ids = groups.Select(g => g.Id).ToHashSet();
        var children = groups.ToLookup(g => g.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var rows = new List<GroupTreeRow>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var g in children[parent].OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                rows.Add(new GroupTreeRow(g, depth));
                Walk(g.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return rows;
    }
}
