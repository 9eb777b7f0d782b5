using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;
using HostedPbx.Provisioning;
using HostedPbx.Settings;
using QRCoder;

namespace HostedPbx.Actions;

/// <summary>The Gear icon's "Mobile" entry: a PNG QR code the mobile app scans to configure this user.</summary>
internal sealed class QrCodeAction(ProvisioningTokens tokens, HostedPbxOptions options) : ConnectorAction<NoInput>
{
    private const int PixelsPerModule = 8;

    public override ActionDescriptor Descriptor { get; } = new("qr-code", "Mobile app QR code", ActionTarget.User,
        "PNG QR code with the provisioning payload (server, extension, one-time token). Issuing one revokes the user's previous mobile token.");

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var (member, problem) = PbxActionAnswers.ExtensionOf(request.User!);
        if (member is null)
        {
            return problem!;
        }
        var token = await tokens.IssueAsync(member, ProvisioningTokens.Mobile, cancellationToken);
        var payload = ProvisioningPayload.For(member, options, token, ProvisioningTokens.Mobile).ToJsonString(ProvisioningPayload.Json);
        // UTF-8 with an ECI marker so names such as "Jürgen" decode correctly on any reader.
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false, eciMode: QRCodeGenerator.EciMode.Utf8);
        var png = new PngByteQRCode(data).GetGraphic(PixelsPerModule);
        return ActionResult.File(png, "image/png", $"hosted-pbx-{member.Extension}-mobile.png");
    }
}
