using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Provisioning;

namespace HostedPbx.Tests;

public sealed class ProvisioningTests : IAsyncLifetime
{
    private const string Pin = "4711";
    private PbxTestBed _bed = null!;
    private Guid _ann;

    public async Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        _ann = (await _bed.AddMemberAsync("Ann", "Lee", "10", $$"""{"voicemailPassword":"{{Pin}}"}""")).Id;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<JsonObject> QrPayloadAsync()
    {
        var file = (await _bed.InvokeAsync("qr-code", _ann)).ShouldBeOfType<FileActionResult>();
        file.ContentType.ShouldBe("image/png");
        return JsonNode.Parse(PngQrDecoder.Decode(file.Content))!.AsObject();
    }

    [Fact]
    public async Task QrCode_PngDecodes_ToServerExtensionAndOneTimeTokenWithoutPassword()
    {
        var file = (await _bed.InvokeAsync("qr-code", _ann)).ShouldBeOfType<FileActionResult>();

        var text = PngQrDecoder.Decode(file.Content);

        var payload = JsonNode.Parse(text)!.AsObject();
        payload["format"]!.GetValue<string>().ShouldBe("hosted-pbx-provisioning");
        payload["app"]!.GetValue<string>().ShouldBe("mobile");
        payload["server"]!.GetValue<string>().ShouldBe(PbxTestBed.ProvisioningServer);
        payload["extension"]!.GetValue<string>().ShouldBe("10");
        payload["username"]!.GetValue<string>().ShouldBe("Ann");
        payload["token"]!.GetValue<string>().Length.ShouldBeGreaterThanOrEqualTo(43);
        text.ShouldNotContain(Pin);
        text.ShouldNotContain("password", Case.Insensitive);
        file.FileName.ShouldBe("hosted-pbx-10-mobile.png");
    }

    [Fact]
    public async Task QrCode_Token_StoredOnlyAsHashWithExpiry()
    {
        var token = (await QrPayloadAsync())["token"]!.GetValue<string>();

        var stored = (await _bed.Harness.Store.ListAsync(ProvisioningTokens.Collection, CancellationToken.None)).ShouldHaveSingleItem();
        stored.Key.ShouldBe(ProvisioningTokens.HashOf(token));
        stored.Document.ToJsonString().ShouldNotContain(token);
        var expiresAt = DateTimeOffset.Parse(stored.Document["expiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        expiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task QrCode_NameWithUmlaut_DecodesAsUtf8()
    {
        var user = await _bed.AddMemberAsync("Jürgen", "Müller", "12");

        var file = (await _bed.InvokeAsync("qr-code", user.Id)).ShouldBeOfType<FileActionResult>();

        var text = PngQrDecoder.Decode(file.Content);
        text.ShouldContain("\"displayName\":\"Jürgen Müller\"");
        JsonNode.Parse(text)!["displayName"]!.GetValue<string>().ShouldBe("Jürgen Müller");
    }

    [Fact]
    public async Task Redeem_TokenFromQrCode_AnswersExtensionOnce()
    {
        var token = (await QrPayloadAsync())["token"]!.GetValue<string>();

        var first = await _bed.InvokeJsonAsync("provisioning-redeem", inputJson: $$"""{"token":"{{token}}"}""");
        var second = await _bed.InvokeAsync("provisioning-redeem", inputJson: $$"""{"token":"{{token}}"}""");

        first["extension"]!.GetValue<string>().ShouldBe("10");
        first["userId"]!.GetValue<string>().ShouldBe(_ann.ToString());
        first["app"]!.GetValue<string>().ShouldBe("mobile");
        second.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Redeem_ExpiredToken_NotFound()
    {
        var token = (await QrPayloadAsync())["token"]!.GetValue<string>();
        var stored = await _bed.Harness.Store.GetAsync(ProvisioningTokens.Collection, ProvisioningTokens.HashOf(token), CancellationToken.None);
        stored!.Document["expiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        await _bed.Harness.Store.PutAsync(ProvisioningTokens.Collection, stored.Key, stored.Document, null, CancellationToken.None);

        var result = await _bed.InvokeAsync("provisioning-redeem", inputJson: $$"""{"token":"{{token}}"}""");

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task QrCode_IssuedAgain_RevokesTheEarlierToken()
    {
        var earlier = (await QrPayloadAsync())["token"]!.GetValue<string>();
        var later = (await QrPayloadAsync())["token"]!.GetValue<string>();

        var redeemEarlier = await _bed.InvokeAsync("provisioning-redeem", inputJson: $$"""{"token":"{{earlier}}"}""");
        var redeemLater = await _bed.InvokeAsync("provisioning-redeem", inputJson: $$"""{"token":"{{later}}"}""");

        later.ShouldNotBe(earlier);
        redeemEarlier.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
        redeemLater.ShouldBeOfType<JsonActionResult>();
    }

    [Fact]
    public async Task DesktopConfig_File_HoldsServerExtensionTokenAndNoPassword()
    {
        var file = (await _bed.InvokeAsync("desktop-config", _ann)).ShouldBeOfType<FileActionResult>();

        var text = Encoding.UTF8.GetString(file.Content);
        var config = JsonNode.Parse(text)!.AsObject();
        file.ContentType.ShouldBe("application/json");
        file.FileName.ShouldBe("hosted-pbx-10-desktop.json");
        config["app"]!.GetValue<string>().ShouldBe("desktop");
        config["server"]!.GetValue<string>().ShouldBe(PbxTestBed.ProvisioningServer);
        config["extension"]!.GetValue<string>().ShouldBe("10");
        text.ShouldNotContain(Pin);
        text.ShouldNotContain("password", Case.Insensitive);
        var redeemed = await _bed.InvokeJsonAsync("provisioning-redeem", inputJson: $$"""{"token":"{{config["token"]!.GetValue<string>()}}"}""");
        redeemed["app"]!.GetValue<string>().ShouldBe("desktop");
    }

    [Fact]
    public async Task DesktopConfig_DoesNotRevokeMobileToken()
    {
        var mobile = (await QrPayloadAsync())["token"]!.GetValue<string>();
        await _bed.InvokeAsync("desktop-config", _ann);

        var result = await _bed.InvokeAsync("provisioning-redeem", inputJson: $$"""{"token":"{{mobile}}"}""");

        result.ShouldBeOfType<JsonActionResult>();
    }

    [Theory]
    [InlineData("qr-code")]
    [InlineData("desktop-config")]
    public async Task Provisioning_UserWithoutExtension_NotFound(string action)
    {
        var user = _bed.Directory.AddUser("no.phone", "No", "Phone").Id;

        var result = await _bed.InvokeAsync(action, user);

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Redeem_UnknownToken_NotFound()
    {
        var result = await _bed.InvokeAsync("provisioning-redeem", inputJson: """{"token":"made-up"}""");

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }
}
