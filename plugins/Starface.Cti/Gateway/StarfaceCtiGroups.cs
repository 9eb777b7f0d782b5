using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Groups;
using Starface.Cti.Users;

namespace Starface.Cti.Gateway;

/// <summary>
/// The STARFACE group of a CTI group: named like the CTI group (found by vendor id, else by name), its assigned
/// users are exactly the CTI-active users whose effective CTI group it is (<see cref="StarfaceGroupMembers"/>).
/// Used by PushGroup (whole membership) and PushUser (one user's memberships), so both follow the same rule.
/// </summary>
internal sealed class StarfaceCtiGroups(StarfaceApiClient starface, CtiUserDirectory users, StarfaceGroupWriteGate gate, IConnectorStore store)
{
    /// <summary>STARFACE group id per CTI group id, so a renamed CTI group still finds its STARFACE group.</summary>
    public const string Collection = "starface-groups";

    /// <summary>Creates or updates the STARFACE group of <paramref name="ctiGroup"/> with its whole membership.</summary>
    public async Task<PushResult> UpsertAsync(CtiGroup ctiGroup, string? vendorId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        return await UpsertUnlockedAsync(ctiGroup, vendorId, cancellationToken);
    }

    /// <summary>
    /// Makes one user's memberships in the STARFACE groups of <paramref name="ctiGroups"/> follow its effective
    /// CTI group: assigned in the group of that CTI group (created when missing), unassigned in the others.
    /// A user that is not CTI-active belongs to none of them. STARFACE groups that belong to no CTI group (by
    /// remembered id or by name) are never read or changed. True when something changed at STARFACE.
    /// </summary>
    public async Task<bool> AlignMembershipAsync(int starfaceUserId, CtiUser user, IReadOnlyList<CtiGroup> ctiGroups, CancellationToken cancellationToken)
    {
        if (ctiGroups.Count == 0)
        {
            return false;
        }
        var target = user.TakesPartInCti ? ctiGroups.FirstOrDefault(g => g.GroupId == user.Group.GroupId) : null;

        using var _ = await gate.EnterAsync(cancellationToken);
        var changed = false;
        foreach (var ctiGroup in ctiGroups)
        {
            var member = ctiGroup == target;
            // Two CTI groups with the same name share one STARFACE group: only the target decides about it.
            if (!member && target is not null && SameName(ctiGroup.Name, target.Name))
            {
                continue;
            }
            var known = await KnownIdAsync(ctiGroup.GroupId, cancellationToken);
            var (groupId, group) = await FindAsync(known, ctiGroup.Name, cancellationToken);
            if (group is null || (member && !string.Equals(VendorJson.Text(group["name"]), ctiGroup.Name, StringComparison.Ordinal)))
            {
                if (!member)
                {
                    continue;
                }
                // Missing, or the CTI group was renamed: the whole-group upsert creates or renames it.
                var upserted = await UpsertUnlockedAsync(ctiGroup, group is null ? null : groupId.ToString(CultureInfo.InvariantCulture), cancellationToken);
                groupId = int.Parse(upserted.VendorId!, NumberStyles.None, CultureInfo.InvariantCulture);
                changed |= !upserted.State.StartsWith("unchanged", StringComparison.Ordinal);
                // Plain null checks (not "is not { } x") here and below: Stryker's mutations of such patterns break
                // definite assignment, and it then skips every mutant of the method.
                group = await starface.GetGroupAsync(groupId, cancellationToken);
                if (group is null)
                {
                    continue;
                }
            }
            else if (known != groupId)
            {
                await RememberAsync(ctiGroup.GroupId, groupId, cancellationToken);
            }
            group["id"] = groupId;
            if (SetAssigned(group, starfaceUserId, user, member))
            {
                await starface.SaveGroupAsync(group, cancellationToken);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>The id of the STARFACE group named <paramref name="name"/> (case-insensitive), if any.</summary>
    private async Task<int?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await starface.ListGroupsAsync(cancellationToken)).FirstOrDefault(g => SameName(g.Name, name))?.Id;

    private async Task<PushResult> UpsertUnlockedAsync(CtiGroup ctiGroup, string? vendorId, CancellationToken cancellationToken)
    {
        var members = StarfaceGroupMembers.Of(ctiGroup.GroupId, await users.ListAsync(cancellationToken));
        var starfaceUsers = (await starface.ListUsersAsync(null, cancellationToken))
            .GroupBy(u => u.Login, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var memberIds = members.Select(m => starfaceUsers.GetValueOrDefault(m.Username)?.Id).OfType<int>().ToHashSet();
        var notInStarface = members.Where(m => !starfaceUsers.ContainsKey(m.Username)).Select(m => m.Username).ToList();

        var known = int.TryParse(vendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var fromLink)
            ? fromLink
            : await KnownIdAsync(ctiGroup.GroupId, cancellationToken);
        var (id, existing) = await FindAsync(known, ctiGroup.Name, cancellationToken);
        string state;
        if (existing is null)
        {
            var body = new JsonObject
            {
                ["name"] = ctiGroup.Name,
                ["assignableUsers"] = new JsonArray(members
                    .Where(m => starfaceUsers.ContainsKey(m.Username))
                    .Select(m => (JsonNode)AssignableUser(starfaceUsers[m.Username], assigned: true))
                    .ToArray()),
            };
            await starface.CreateGroupAsync(body, cancellationToken);
            id = (await FindByNameAsync(ctiGroup.Name, cancellationToken))
                ?? throw new VendorUnavailableException($"STARFACE accepted group '{ctiGroup.Name}' but does not list it.");
            state = "created";
        }
        else
        {
            var merged = (JsonObject)existing.DeepClone();
            var changed = !JsonNode.DeepEquals(merged["name"], JsonValue.Create(ctiGroup.Name));
            merged["name"] = ctiGroup.Name;
            merged["id"] = id;
            var assignable = merged["assignableUsers"] as JsonArray ?? [];
            merged["assignableUsers"] = assignable;
            var listed = new HashSet<int>();
            foreach (var entry in assignable.OfType<JsonObject>())
            {
                var userId = (int?)VendorJson.Number(entry["id"]);
                if (userId is null)
                {
                    continue;
                }
                listed.Add(userId.Value);
                changed |= SetFlag(entry, memberIds.Contains(userId.Value));
            }
            foreach (var missing in memberIds.Where(m => !listed.Contains(m)))
            {
                assignable.Add(AssignableUser(starfaceUsers.Values.First(u => u.Id == missing), assigned: true));
                changed = true;
            }
            if (changed)
            {
                await starface.SaveGroupAsync(merged, cancellationToken);
            }
            state = changed ? "updated" : "unchanged";
        }

        if (await KnownIdAsync(ctiGroup.GroupId, cancellationToken) != id)
        {
            await RememberAsync(ctiGroup.GroupId, id, cancellationToken);
        }
        if (notInStarface.Count > 0)
        {
            state += $"; not in STARFACE yet: {string.Join(", ", notInStarface)}";
        }
        return new PushResult(id.ToString(CultureInfo.InvariantCulture), state);
    }

    /// <summary>Known id first (a deleted group answers 404 and falls through), else by name.</summary>
    private async Task<(int Id, JsonObject? Group)> FindAsync(int? knownId, string name, CancellationToken cancellationToken)
    {
        if (knownId is { } known && await starface.GetGroupAsync(known, cancellationToken) is { } group)
        {
            return (known, group);
        }
        if (await FindByNameAsync(name, cancellationToken) is { } byName && await starface.GetGroupAsync(byName, cancellationToken) is { } named)
        {
            return (byName, named);
        }
        return (0, null);
    }

    private async Task<int?> KnownIdAsync(string ctiGroupId, CancellationToken cancellationToken) =>
        await store.GetAsync(Collection, ctiGroupId, cancellationToken) is { } stored ? (int?)VendorJson.Number(stored.Document["starfaceGroupId"]) : null;

    private Task RememberAsync(string ctiGroupId, int starfaceGroupId, CancellationToken cancellationToken) =>
        store.PutAsync(Collection, ctiGroupId, new JsonObject { ["starfaceGroupId"] = starfaceGroupId }, null, cancellationToken);

    /// <summary>Sets one user's assigned flag in a fetched group (adding the user when STARFACE does not list it); true when changed.</summary>
    private static bool SetAssigned(JsonObject group, int starfaceUserId, CtiUser user, bool assigned)
    {
        var assignable = group["assignableUsers"] as JsonArray ?? [];
        group["assignableUsers"] = assignable;
        var entry = assignable.OfType<JsonObject>().FirstOrDefault(e => VendorJson.Number(e["id"]) == starfaceUserId);
        if (entry is not null)
        {
            return SetFlag(entry, assigned);
        }
        if (!assigned)
        {
            return false;
        }
        assignable.Add(new JsonObject
        {
            ["id"] = starfaceUserId,
            ["firstname"] = user.Context.User.FirstName,
            ["lastname"] = user.Context.User.LastName,
            ["assigned"] = true,
        });
        return true;
    }

    private static bool SetFlag(JsonObject entry, bool assigned)
    {
        var was = entry["assigned"] is JsonValue flag && flag.TryGetValue(out bool value) ? value : (bool?)null;
        if (was == assigned)
        {
            return false;
        }
        entry["assigned"] = assigned;
        return true;
    }

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static JsonObject AssignableUser(StarfaceUser user, bool assigned) => new()
    {
        ["id"] = user.Id,
        ["firstname"] = VendorJson.Text(user.Json["firstName"]) ?? "",
        ["lastname"] = VendorJson.Text(user.Json["familyName"]) ?? "",
        ["assigned"] = assigned,
    };
}
