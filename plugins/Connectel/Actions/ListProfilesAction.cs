using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Connectel.Gateway;
using Connectel.Profiles;

namespace Connectel.Actions;

/// <summary>Lists Connectel's user profiles with their permissions and the core users holding each.</summary>
internal sealed class ListProfilesAction(ConnectelApiClient connectel, ProfileHolders holders) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("profiles", new ConnectorHost.Sdk.Schema.LocalizedText("User profiles").With("de", "Benutzerprofile"),
        ActionTarget.Connector, "Lists Connectel's user profiles, their permissions and the users holding each.", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var profiles = await connectel.ListProfilesAsync(cancellationToken);
        var byProfile = await holders.ByProfileAsync(cancellationToken);
        return ActionResult.Json(new JsonObject
        {
            ["items"] = new JsonArray([.. profiles.Select(p => (JsonNode?)ProfileWire.Answer(p, byProfile[VendorJson.Text(p["id"]) ?? ""]))]),
        });
    }
}
