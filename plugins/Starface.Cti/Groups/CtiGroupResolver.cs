using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using Starface.Cti.Settings;

namespace Starface.Cti.Groups;

/// <summary>A core group that maps its members to a CTI group.</summary>
internal sealed record CoreGroupMapping(Guid CoreGroupId, string CoreGroupKey, string CtiGroupId);

/// <summary>The CTI group a user effectively has, and where it came from.</summary>
/// <param name="GroupId">The CTI Group ID, or null when the user has none (and so sees every CTI-active user).</param>
/// <param name="Source">"user" (own CTI group setting), "core-group" (mapping of a core group) or "none".</param>
/// <param name="CoreGroupKey">The core group that supplied the group, for source "core-group".</param>
/// <param name="Conflicts">Core group mappings that disagree, when the user has no own setting and several apply.</param>
internal sealed record EffectiveCtiGroup(string? GroupId, string Source, string? CoreGroupKey, IReadOnlyList<CoreGroupMapping> Conflicts)
{
    public bool IsAmbiguous => Conflicts.Count > 0;
}

/// <summary>
/// Resolves the one CTI group of a user: the user's own CTI group setting wins; otherwise the CTI groups mapped
/// by the user's direct core groups apply. Several different mapped groups are refused when settings are saved;
/// should memberships change later, the mapping of the core group with the lowest key (ordinal) applies.
/// References to CTI groups that no longer exist are ignored.
/// </summary>
internal static class CtiGroupResolver
{
    public static EffectiveCtiGroup Resolve(UserContext user, IReadOnlySet<string> existingGroups) =>
        Resolve(CtiUserSettings.From(user.Settings), user.Groups, existingGroups);

    public static EffectiveCtiGroup Resolve(CtiUserSettings settings, IReadOnlyList<GroupContext> groups, IReadOnlySet<string> existingGroups)
    {
        if (settings.CtiGroup is { } own && existingGroups.Contains(own))
        {
            return new EffectiveCtiGroup(own, "user", null, []);
        }

        var mappings = MappingsOf(groups)
            .Where(m => existingGroups.Contains(m.CtiGroupId))
            .OrderBy(m => m.CoreGroupKey, StringComparer.Ordinal)
            .ToList();
        if (mappings.Count == 0)
        {
            return new EffectiveCtiGroup(null, "none", null, []);
        }

        var first = mappings[0];
        var distinct = mappings.Select(m => m.CtiGroupId).Distinct(StringComparer.Ordinal).Count();
        return new EffectiveCtiGroup(first.CtiGroupId, "core-group", first.CoreGroupKey, distinct > 1 ? mappings : []);
    }

    public static IEnumerable<CoreGroupMapping> MappingsOf(IEnumerable<GroupContext> groups) =>
        groups
            .Select(g => MappedGroupOf(g.Settings) is { } cti ? new CoreGroupMapping(g.Group.Id, g.Group.Key, cti) : null)
            .OfType<CoreGroupMapping>();

    public static string? MappedGroupOf(JsonObject groupSettings) =>
        groupSettings[StarfaceCtiSchema.GroupKeys.CtiGroup] is JsonValue v && v.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id)
            ? CtiGroupStore.NormalizeId(id)
            : null;

    public static string Describe(IEnumerable<CoreGroupMapping> mappings) =>
        string.Join(", ", mappings.Select(m => $"core group '{m.CoreGroupKey}' → {m.CtiGroupId}"));
}
