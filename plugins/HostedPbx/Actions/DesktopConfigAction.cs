using System.Text;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;
using HostedPbx.Provisioning;
using HostedPbx.Settings;

namespace HostedPbx.Actions;

/// <summary>The Gear icon's "Desktop" entry: a configuration file the desktop app imports to configure this user.</summary>
internal sealed class DesktopConfigAction(ProvisioningTokens tokens, HostedPbxOptions options) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("desktop-config", "Desktop app configuration", ActionTarget.User,
        "Downloadable JSON configuration file (server, extension, one-time token) for the desktop app. Issuing one revokes the user's previous desktop token.");

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var (member, problem) = PbxActionAnswers.ExtensionOf(request.User!);
        if (member is null)
        {
            return problem!;
        }
        var token = await tokens.IssueAsync(member, ProvisioningTokens.Desktop, cancellationToken);
        var payload = ProvisioningPayload.For(member, options, token, ProvisioningTokens.Desktop);
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString(ProvisioningPayload.IndentedJson));
        return ActionResult.File(bytes, "application/json", $"hosted-pbx-{member.Extension}-desktop.json");
    }
}
