using System.Globalization;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace TestPlugins.Broken;

internal sealed class ListBrokenUsers(BrokenVendorClient vendor) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var offset = request.Cursor is null ? 0 : int.Parse(request.Cursor, CultureInfo.InvariantCulture);
        var (items, next) = await vendor.ListAsync(offset, request.PageSize, cancellationToken);
        return new VendorUserPage([.. items.Select(i => new VendorUser(i["id"]!.GetValue<string>(), i["login"]!.GetValue<string>(), i))], next);
    }
}
