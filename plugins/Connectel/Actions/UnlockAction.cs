using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;
using Connectel.Settings;

namespace Connectel.Actions;

/// <summary>Unlocks an account Connectel locked after too many failed logins (the "Locked" switch turned off).</summary>
internal sealed class UnlockAction(ConnectelApiClient connectel, ConnectelOptions options) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("unlock", new LocalizedText("Unlock").With("de", "Entsperren"),
        ActionTarget.User, "Unlocks the user's Connectel account after failed logins.") { VendorOnly = true };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        if (request.VendorId is not { } id)
        {
            return ConnectelActionAnswers.NotAtConnectel(request);
        }
        return await connectel.UpdateUserAsync(id, new JsonObject { [options.Names.Locked] = false }, cancellationToken) is null
            ? ConnectelActionAnswers.GoneAtConnectel(request)
            // Kept in the user's settings at once, not only at the next push.
            : ActionResult.Json(new JsonObject { [ConnectelSchema.Locked] = false }) with { SettingsPatch = new JsonObject { [ConnectelSchema.Locked] = false } };
    }
}
