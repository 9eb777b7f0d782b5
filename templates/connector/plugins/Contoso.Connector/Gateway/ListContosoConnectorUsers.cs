using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace Contoso.Connector.Gateway;

/// <summary>One page of the vendor's users for plan and reconcile; the match key is the extension, as in the projection.</summary>
internal sealed class ListContosoConnectorUsers(ContosoConnectorApiClient vendor) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var page = VendorPageCursor.Page(request.Cursor);
        var (items, more) = await vendor.ListAsync(page, request.PageSize, cancellationToken);
        var users = items.Select(i =>
        {
            var fields = (System.Text.Json.Nodes.JsonObject)i.DeepClone();
            var id = VendorJson.Text(fields["id"]) ?? throw new VendorUnavailableException("Contoso Connector listed a user without an id.");
            fields.Remove("id");
            return new VendorUser(id, VendorJson.Text(fields["extension"]) ?? "", fields);
        });
        return new VendorUserPage([.. users], VendorPageCursor.Next(page, more));
    }
}
