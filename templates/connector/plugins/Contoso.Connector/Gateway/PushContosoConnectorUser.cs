using Contoso.Connector.Settings;
using Contoso.Connector.Users;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace Contoso.Connector.Gateway;

/// <summary>
/// Pushes a user, idempotently: with a vendor id that record is updated (looked up again when the vendor lost it);
/// without one the user is looked up by extension before creating, so a repeated push never makes a duplicate.
/// Deleting a user the vendor does not have is success ("absent").
/// </summary>
internal sealed class PushContosoConnectorUser(ContosoConnectorApiClient vendor) : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        if (request.Operation == PushOperation.Delete)
        {
            return request.VendorId is { } id && await vendor.DeleteAsync(id, cancellationToken)
                ? new PushResult(id, "deleted")
                : new PushResult(request.VendorId, "absent");
        }
        var payload = ProjectContosoConnectorUser.Payload(request.User);
        if (request.VendorId is { } known && await vendor.UpdateAsync(known, payload, cancellationToken))
        {
            return new PushResult(known, "updated");
        }
        var extension = request.User.Settings[ContosoConnectorSchema.Extension]!.GetValue<string>();
        if (await vendor.FindByExtensionAsync(extension, cancellationToken) is { } existing && existing["id"]?.GetValue<string>() is { } existingId)
        {
            await vendor.UpdateAsync(existingId, payload, cancellationToken);
            return new PushResult(existingId, "updated");
        }
        return new PushResult(await vendor.CreateAsync(payload, cancellationToken), "created");
    }
}
