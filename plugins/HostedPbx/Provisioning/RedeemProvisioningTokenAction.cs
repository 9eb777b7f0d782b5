using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;

namespace HostedPbx.Provisioning;

/// <summary>
/// Called by the PBX provisioning server when an app presents its token: answers which extension the token
/// belongs to and consumes it, so a token works exactly once and only until it expires.
/// </summary>
internal sealed class RedeemProvisioningTokenAction(ProvisioningTokens tokens, HostedPbxOptions options) : IPbxAction
{
    private const string Token = "token";

    public ActionDescriptor Descriptor { get; } = new("provisioning-redeem", "Redeem provisioning token", ActionTarget.Connector,
        "Consumes a one-time app provisioning {token} and answers the user and extension it was issued for; 404 when unknown, used or expired.");

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (new ActionInput(request.Input).RejectUnknown(Token) is { } unknown)
        {
            return unknown;
        }
        var (token, wrongType) = ActionInput.Text(request.Input, Token);
        if (wrongType is not null)
        {
            return wrongType;
        }
        if (token is null)
        {
            return ActionInput.Invalid(Token, "'token' is required.");
        }
        var redeemed = await tokens.RedeemAsync(token, cancellationToken);
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
}
