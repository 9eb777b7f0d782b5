using Contoso.Connector.Gateway;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace Contoso.Connector.Actions;

/// <summary>
/// Shows the user's record as the vendor holds it now. The vendor id comes with the request (InvokeAction.VendorId,
/// recorded by the sync engine at the first push); before that there is nothing to show.
/// </summary>
internal sealed class VendorRecordAction(ContosoConnectorApiClient vendor) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("vendor-record",
        new LocalizedText("Record at Contoso Connector").With("de", "Datensatz bei Contoso Connector"), ActionTarget.User,
        "Reads the user's record from the vendor, e.g. to check it after a push.", Mutating: false) { VendorOnly = true };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var user = request.User!;
        if (request.VendorId is not { } id)
        {
            return ActionResult.Problem(409, "Not pushed yet", $"User '{user.User.Username}' has not been pushed to Contoso Connector yet.");
        }
        return await vendor.GetAsync(id, cancellationToken) is { } record
            ? ActionResult.Json(record)
            : ActionResult.Problem(404, "Not found at the vendor", $"Contoso Connector has no record with id {id} (deleted there?).");
    }
}
