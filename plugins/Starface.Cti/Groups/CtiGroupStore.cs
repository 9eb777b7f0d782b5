using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;

namespace Starface.Cti.Groups;

/// <summary>A CTI group as the vendor's "CTI Groups" table holds it: Group ID (a BC code) and Group name.</summary>
internal sealed record CtiGroup(string GroupId, string Name, int Version);

/// <summary>The connector-owned CTI groups, kept in the connector store keyed by the upper-case Group ID.</summary>
internal sealed class CtiGroupStore(IConnectorStore store)
{
    public const string Collection = "cti-groups";

    /// <summary>Business Central stores Code fields upper-case; every lookup goes through this.</summary>
    public static string NormalizeId(string groupId) => groupId.Trim().ToUpperInvariant();

    public async Task<IReadOnlyList<CtiGroup>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(Collection, cancellationToken)).Select(ToGroup).ToList();

    public async Task<IReadOnlySet<string>> ExistingIdsAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);

    public async Task<CtiGroup?> GetAsync(string groupId, CancellationToken cancellationToken) =>
        await store.GetAsync(Collection, NormalizeId(groupId), cancellationToken) is { } d ? ToGroup(d) : null;

    /// <summary>Creates (expectedVersion 0) or replaces a group; the store rejects a lost update.</summary>
    public async Task<CtiGroup> PutAsync(string groupId, string name, int expectedVersion, CancellationToken cancellationToken)
    {
        var id = NormalizeId(groupId);
        var stored = await store.PutAsync(Collection, id, new JsonObject { ["groupId"] = id, ["name"] = name }, expectedVersion, cancellationToken);
        return ToGroup(stored);
    }

    public Task<bool> DeleteAsync(string groupId, CancellationToken cancellationToken) =>
        store.DeleteAsync(Collection, NormalizeId(groupId), cancellationToken);

    private static CtiGroup ToGroup(StoredDocument d) => new(
        d.Key,
        d.Document["name"] is JsonValue v && v.TryGetValue(out string? name) ? name : d.Key,
        d.Version);
}
