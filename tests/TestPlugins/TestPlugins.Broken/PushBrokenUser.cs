using ConnectorHost.Sdk.Requests;
using MediatR;

namespace TestPlugins.Broken;

internal sealed class PushBrokenUser(BrokenVendorClient vendor) : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        if (request.Operation == PushOperation.Delete)
        {
            return new PushResult(request.VendorId, await vendor.DeleteAsync(request.VendorId!, cancellationToken) ? "deleted" : "absent");
        }
        if (request.VendorId is { } known && await vendor.UpdateAsync(known, ProjectBrokenUser.Payload(request.User), cancellationToken))
        {
            return new PushResult(known, "updated");
        }
        // Defect: no look-up by login before creating, so a push without a vendor id creates a second record.
        return new PushResult(await vendor.CreateAsync(ProjectBrokenUser.Payload(request.User), cancellationToken), "created");
    }
}
