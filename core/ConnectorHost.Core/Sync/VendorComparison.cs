using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

public enum PlannedAction
{
    Create,
    Update,
    Delete,
    Unchanged,
}

/// <summary>One field whose vendor value differs from what the connector would send.</summary>
public sealed record FieldDifference(string Field, JsonNode? Vendor, JsonNode? Desired);

/// <summary>What a sync would do to one user at the vendor, and why.</summary>
public sealed record PlannedChange(PlannedAction Action, Guid? UserId, string Name, string? VendorId, IReadOnlyList<FieldDifference> Differences);

/// <summary>A vendor user that matches no core user of this connector.</summary>
public sealed record UnknownVendorUser(string VendorId, string MatchKey);

public sealed record ConnectorComparison(
    string ConnectorId,
    bool VendorListed,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<UnknownVendorUser> UnknownAtVendor,
    int VendorUserCount);

/// <summary>
/// Compares what a connector would send (projections of its users) with what the vendor has (its paged user
/// list) and with the vendor ids recorded by earlier pushes. Reads only; plan and reconcile build on it.
/// </summary>
internal static class VendorComparison
{
    public static async Task<ConnectorComparison> CompareAsync(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, string connectorId, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(connectorId, ConnectorCapabilities.PushUser);
        var capabilities = description.Manifest.Capabilities;
        var users = await DirectoryQueries.LoadUsersWithSettingsAsync(db, secrets, connectorId, cancellationToken);
        var links = await db.VendorLinks.AsNoTracking()
            .Where(l => l.ConnectorId == connectorId && l.EntityType == SyncEntityType.User)
            .ToDictionaryAsync(l => l.EntityId, cancellationToken);

        List<VendorUser>? vendorUsers = null;
        if (capabilities.HasFlag(ConnectorCapabilities.ListVendorUsers))
        {
            vendorUsers = [];
            string? cursor = null;
            do
            {
                var page = await dispatcher.SendAsync(connectorId, new ListVendorUsers(cursor, 200), cancellationToken);
                vendorUsers.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        var byId = vendorUsers?.GroupBy(v => v.VendorId).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var matched = new HashSet<string>();
        var changes = new List<PlannedChange>();

        foreach (var user in users)
        {
            var projection = capabilities.HasFlag(ConnectorCapabilities.ProjectUser)
                ? await dispatcher.SendAsync(connectorId, new ProjectUser(user), cancellationToken)
                : null;
            links.TryGetValue(user.User.Id, out var link);
            VendorUser? vendor = null;
            if (link?.VendorId is { } known && byId.TryGetValue(known, out var byLink))
            {
                vendor = byLink;
            }
            else if (vendorUsers is not null && projection?.MatchKey is { Length: > 0 } key)
            {
                // Only the connector's declared key matches: guessing on other payload text could pair the wrong people.
                vendor = vendorUsers.FirstOrDefault(v => !matched.Contains(v.VendorId) && string.Equals(v.MatchKey, key, StringComparison.OrdinalIgnoreCase));
            }

            if (vendorUsers is null)
            {
                // Without a vendor list only our own records can tell: never pushed means create.
                changes.Add(new PlannedChange(link is null ? PlannedAction.Create : PlannedAction.Update, user.User.Id, user.User.Username, link?.VendorId, []));
                continue;
            }
            if (vendor is null)
            {
                changes.Add(new PlannedChange(PlannedAction.Create, user.User.Id, user.User.Username, null, []));
                continue;
            }
            matched.Add(vendor.VendorId);
            var differences = projection is null ? [] : Diff(projection.Payload, vendor.Fields);
            changes.Add(new PlannedChange(differences.Count == 0 ? PlannedAction.Unchanged : PlannedAction.Update, user.User.Id, user.User.Username, vendor.VendorId, differences));
        }

        // Vendor users we created for core users that are gone (or no longer assigned) are ours to delete.
        var current = users.Select(u => u.User.Id).ToHashSet();
        foreach (var orphan in links.Values.Where(l => !current.Contains(l.EntityId) && l.VendorId is not null))
        {
            if (vendorUsers is null || byId.ContainsKey(orphan.VendorId!))
            {
                matched.Add(orphan.VendorId!);
                changes.Add(new PlannedChange(PlannedAction.Delete, orphan.EntityId, byId.GetValueOrDefault(orphan.VendorId!)?.MatchKey ?? orphan.VendorId!, orphan.VendorId, []));
            }
        }
        var unknown = vendorUsers?.Where(v => !matched.Contains(v.VendorId)).Select(v => new UnknownVendorUser(v.VendorId, v.MatchKey)).ToList() ?? [];
        return new ConnectorComparison(connectorId, vendorUsers is not null, changes, unknown, vendorUsers?.Count ?? links.Count);
    }

    /// <summary>
    /// Fields the vendor reports whose value differs from the projection; fields the vendor does not report are not compared.
    /// The conformance kit uses the same comparison, so a connector it passes shows no phantom differences in plans.
    /// </summary>
    internal static List<FieldDifference> Diff(JsonObject desired, JsonObject vendor)
    {
        var differences = new List<FieldDifference>();
        foreach (var (field, want) in desired)
        {
            if (vendor.TryGetPropertyValue(field, out var have) && !JsonNode.DeepEquals(Normalize(have), Normalize(want)))
            {
                differences.Add(new FieldDifference(field, have?.DeepClone(), want?.DeepClone()));
            }
        }
        return differences;
    }

    // Numbers and texts compare by their JSON text, so 4 and 4.0 or "+49 30" formatting choices stay visible only when real.
    private static JsonNode? Normalize(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());
}
