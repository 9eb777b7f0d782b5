using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Provisioning;
using HostedPbx.Settings;

namespace HostedPbx.Actions;

/// <summary>
/// Called by the PBX provisioning server when an app presents its token: answers which extension the token
/// belongs to and consumes it, so a token works exactly once and only until it expires.
/// </summary>
internal sealed class RedeemProvisioningTokenAction(ProvisioningTokens tokens, HostedPbxOptions options) : ConnectorAction<RedeemProvisioningTokenAction.Input>
{
    private const string Token = "token";

    public override ActionDescriptor Descriptor { get; } = new("provisioning-redeem", "Redeem provisioning token", ActionTarget.Connector,
        "Consumes a one-time app provisioning {token} and answers the user and extension it was issued for; 404 when unknown, used or expired.")
    {
        // The app holding the link has no admin sign-in; the one-time token is its credential.
        Anonymous = true,
        Input =
        [
            new(Token, "Provisioning token", FieldType.String) { Required = true, MaxLength = 1000 },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, RedeemProvisioningTokenAction.Input input, CancellationToken cancellationToken)
    {
        var redeemed = await tokens.RedeemAsync(input.Token, cancellationToken);
        if (redeemed is null)
        {
            return ActionResult.Problem(404, "Token not valid", "The provisioning token is unknown, already used or expired; issue a new QR code or configuration file.");
        }
        return ActionResult.Json(new JsonObject
        {
            ["userId"] = redeemed.UserId.ToString(),
            ["extension"] = redeemed.Extension,
            ["app"] = redeemed.Purpose,
            ["server"] = options.ProvisioningServer,
        });
    }

    /// <summary>The checked input: the one-time token the app presented.</summary>
    internal sealed record Input(string Token);
}
