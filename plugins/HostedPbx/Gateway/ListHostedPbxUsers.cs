using System.Globalization;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Users;
using MediatR;

namespace HostedPbx.Gateway;

/// <summary>Pages through GET /api/v1/extensions; the cursor is the next page number, the match key the extension number.</summary>
internal sealed class ListHostedPbxUsers(PbxApiClient pbx) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    private const int MaxPageSize = 200;

    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var page = 1;
        if (request.Cursor is not null && (!int.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw new ArgumentException($"'{request.Cursor}' is not a cursor this connector returned.", nameof(request));
        }
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var answer = await pbx.ListAsync(page, pageSize, cancellationToken);
        var items = answer.Items
            .Select(e => new VendorUser(e.Id, e.Extension, PbxExtensionPlan.PayloadOf(e)))
            .ToList();
        // The PBX may cap the page size; its own numbers decide whether more pages follow.
        var seen = (long)(answer.Page - 1) * answer.PageSize + answer.Items.Count;
        var next = answer.Items.Count > 0 && seen < answer.TotalItems
            ? (answer.Page + 1).ToString(CultureInfo.InvariantCulture)
            : null;
        return new VendorUserPage(items, next);
    }
}
