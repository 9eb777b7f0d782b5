using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;

namespace Connectel.Actions;

/// <summary>Removes the user's API key at Connectel, so nothing can call the API as this user any more.</summary>
internal sealed class RemoveApiKeyAction(ConnectelApiClient connectel) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("remove-api-key", new LocalizedText("Remove API key").With("de", "API-Schlüssel entfernen"),
        ActionTarget.User, "Removes the user's Connectel API key.") { VendorOnly = true };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        if (request.VendorId is not { } id)
        {
            return ConnectelActionAnswers.NotAtConnectel(request);
        }
        return await connectel.RemoveApiKeyAsync(id, cancellationToken)
            ? ActionResult.Json(new JsonObject { ["apiKey"] = null, ["removed"] = true })
            : ConnectelActionAnswers.GoneAtConnectel(request);
    }
}
