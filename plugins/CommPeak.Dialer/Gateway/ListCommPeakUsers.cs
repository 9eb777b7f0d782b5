using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace CommPeak.Dialer.Gateway;

/// <summary>
/// Pages through CommPeak's user list (path and paging parameters unconfirmed, see the connector settings); the
/// cursor is the next page number, the match key the username. Roles read back as an object become a list of ids.
/// </summary>
internal sealed class ListCommPeakUsers(CommPeakApiClient commPeak) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    private const int MaxPageSize = 200;

    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var page = VendorPageCursor.Page(request.Cursor);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var users = await commPeak.ListAsync(page, pageSize, cancellationToken);
        var items = users
            .Where(u => CommPeakApiClient.IdOf(u) is not null && VendorJson.Text(u["username"]) is not null)
            .Select(u => new VendorUser(CommPeakApiClient.IdOf(u)!, VendorJson.Text(u["username"])!, Fields(u)))
            .ToList();
        // Paging is undocumented: a full page means there may be another.
        return new VendorUserPage(items, VendorPageCursor.Next(page, more: users.Count >= pageSize));
    }

    private static JsonObject Fields(JsonObject user)
    {
        var fields = (JsonObject)user.DeepClone();
        fields.Remove("id");
        if (fields["roles"] is JsonObject roles)
        {
            fields["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)JsonValue.Create(r.Key))]);
        }
        return fields;
    }
}
