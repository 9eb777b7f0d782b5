using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace TestPlugins.Sample.Actions;

/// <summary>
/// Asks the vendor for a new API key of the user, by the vendor id the sync engine recorded. It only calls the
/// vendor (no database write transaction) and the key is shown once: the host never stores, logs or audits it.
/// </summary>
internal sealed class RotateApiKeyAction(DirectoryVendorGateway vendor) : ConnectorAction<RotateApiKeyAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("rotate-api-key", "New API key", ActionTarget.User,
        "Issues a new API key for the user at the vendor and shows it once; {reason} is required.")
    {
        VendorOnly = true,
        Input =
        [
            new FieldSchema("reason", "Reason", FieldType.String) { Required = true, MinLength = 3, MaxLength = 200 },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        if (request.VendorId is not { } vendorId)
        {
            return ActionResult.Problem(409, "Not at the vendor yet", $"User '{request.User!.User.Username}' has not been pushed to the vendor yet.");
        }
        var key = await vendor.NewApiKeyAsync(vendorId, cancellationToken);
        return ActionResult.ShowOnceJson(new JsonObject { ["vendorId"] = vendorId, ["apiKey"] = key });
    }

    internal sealed record Input(string Reason);
}
