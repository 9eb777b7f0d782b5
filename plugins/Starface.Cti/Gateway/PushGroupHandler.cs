using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Groups;
using Starface.Cti.Users;

namespace Starface.Cti.Gateway;

/// <summary>
/// Pushes the CTI group a core group is mapped to as a STARFACE group named like the CTI group, whose assigned
/// users are exactly the CTI-active users with that effective CTI group. The STARFACE group lives as long as
/// the CTI group: deleting a core group only re-syncs the membership while the CTI group still exists.
/// </summary>
internal sealed class PushGroupHandler(StarfaceApiClient starface, CtiGroupStore groups, CtiUserDirectory users)
    : IRequestHandler<PushGroup, PushResult>
{
    public async Task<PushResult> Handle(PushGroup request, CancellationToken cancellationToken)
    {
        var mapped = CtiGroupResolver.MappedGroupOf(request.Group.Settings);
        var ctiGroup = mapped is null ? null : await groups.GetAsync(mapped, cancellationToken);

        if (request.Operation == PushOperation.Delete)
        {
            if (ctiGroup is not null)
            {
                // Other core groups or users' own settings may still use the CTI group: keep its STARFACE group in step.
                var kept = await UpsertAsync(ctiGroup, request.VendorId, cancellationToken);
                return new PushResult(null, $"kept: STARFACE group {kept.VendorId} of CTI group {ctiGroup.GroupId} stays ({kept.State})");
            }
            if (!int.TryParse(request.VendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var vendorId))
            {
                return new PushResult(null, "absent");
            }
            return new PushResult(null, await starface.DeleteGroupAsync(vendorId, cancellationToken) ? "deleted" : "absent");
        }

        if (ctiGroup is null)
        {
            return new PushResult(null, mapped is null ? "skipped: no CTI group mapped" : $"skipped: CTI group {mapped} does not exist");
        }
        return await UpsertAsync(ctiGroup, request.VendorId, cancellationToken);
    }

    private async Task<PushResult> UpsertAsync(CtiGroup ctiGroup, string? vendorId, CancellationToken cancellationToken)
    {
        var members = StarfaceGroupMembers.Of(ctiGroup.GroupId, await users.ListAsync(cancellationToken));
        var starfaceUsers = (await starface.ListUsersAsync(null, cancellationToken))
            .GroupBy(u => u.Login, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var memberIds = members.Select(m => starfaceUsers.GetValueOrDefault(m.Username)?.Id).OfType<int>().ToHashSet();
        var notInStarface = members.Where(m => !starfaceUsers.ContainsKey(m.Username)).Select(m => m.Username).ToList();

        var (id, existing) = await FindAsync(vendorId, ctiGroup.Name, cancellationToken);
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
                if (VendorHttp.Number(entry["id"]) is not { } userId)
                {
                    continue;
                }
                listed.Add((int)userId);
                var assigned = memberIds.Contains((int)userId);
                if ((entry["assigned"] is JsonValue flag && flag.TryGetValue(out bool was) ? was : (bool?)null) != assigned)
                {
                    entry["assigned"] = assigned;
                    changed = true;
                }
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

        if (notInStarface.Count > 0)
        {
            state += $"; not in STARFACE yet: {string.Join(", ", notInStarface)}";
        }
        return new PushResult(id.ToString(CultureInfo.InvariantCulture), state);
    }

    private async Task<(int Id, JsonObject? Group)> FindAsync(string? vendorId, string name, CancellationToken cancellationToken)
    {
        if (int.TryParse(vendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var known)
            && await starface.GetGroupAsync(known, cancellationToken) is { } group)
        {
            return (known, group);
        }
        if (await FindByNameAsync(name, cancellationToken) is { } byName && await starface.GetGroupAsync(byName, cancellationToken) is { } named)
        {
            return (byName, named);
        }
        return (0, null);
    }

    private async Task<int?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await starface.ListGroupsAsync(cancellationToken))
            .FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))?.Id;

    private static JsonObject AssignableUser(StarfaceUser user, bool assigned) => new()
    {
        ["id"] = user.Id,
        ["firstname"] = VendorHttp.Text(user.Json["firstName"]) ?? "",
        ["lastname"] = VendorHttp.Text(user.Json["familyName"]) ?? "",
        ["assigned"] = assigned,
    };
}
