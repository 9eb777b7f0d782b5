using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;

namespace Connectel.Actions;

/// <summary>Generates a new API key for the user at Connectel (the old one stops working) and shows it once.</summary>
internal sealed class RegenerateApiKeyAction(ConnectelApiClient connectel) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("regenerate-api-key", new LocalizedText("Regenerate API key").With("de", "API-Schlüssel neu erzeugen"),
        ActionTarget.User, "Generates a new Connectel API key for the user and shows it once.") { VendorOnly = true };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        if (request.VendorId is not { } id)
        {
            return ConnectelActionAnswers.NotAtConnectel(request);
        }
        if (await connectel.RegenerateApiKeyAsync(id, cancellationToken) is not { } answer)
        {
            return ConnectelActionAnswers.GoneAtConnectel(request);
        }
        var key = VendorJson.Text(answer["apikey"]) ?? VendorJson.Text(answer["apiKey"])
            ?? throw new VendorUnavailableException("Connectel answered the API key request without a key.");
        return ActionResult.ShowOnceJson(new JsonObject { ["apiKey"] = key });
    }
}
