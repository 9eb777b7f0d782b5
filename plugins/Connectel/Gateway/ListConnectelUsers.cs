using System.Globalization;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Connectel.Users;
using MediatR;

namespace Connectel.Gateway;

/// <summary>Pages through <c>GET /api/users</c> with limit/offset; the cursor is the next offset, the match key the login (<c>name</c>). Agents are left out: they are not staff users.</summary>
internal sealed class ListConnectelUsers(ConnectelApiClient connectel, ConnectelUserPayload payloads) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    private const int MaxPageSize = 100;

    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        long offset = 0;
        if (request.Cursor is not null && (!long.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            throw new ArgumentException($"'{request.Cursor}' is not a cursor this connector returned.", nameof(request));
        }
        var limit = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var (count, rows) = await connectel.ListUsersAsync(limit, offset, cancellationToken);
        var items = rows
            .Where(r => VendorJson.Text(r["role"]) is not "agent")
            .Select(r => new VendorUser(VendorJson.Text(r["id"]) ?? "", VendorJson.Text(r["name"]) ?? "", payloads.Reported(r)))
            .Where(u => u.VendorId.Length > 0)
            .ToList();
        var next = offset + rows.Count;
        return new VendorUserPage(items, rows.Count > 0 && next < count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }
}
