using System.Text.Json.Nodes;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Sdk;
using ConnectorHost.Testing;
using HostedPbx.Settings;

namespace HostedPbx.Tests;

public sealed class ConnectorSettingsTests
{
    private static HostedPbxSettingsException CreateFails(string json) =>
        Should.Throw<HostedPbxSettingsException>(() =>
            PluginHarness.Create<HostedPbxConnector>(HostedPbxConnector.Id, JsonNode.Parse(json)!.AsObject()));

    [Fact]
    public async Task Describe_ValidSettings_ManifestSchemasAndActions()
    {
        await using var bed = PbxTestBed.Create();

        var description = await bed.Harness.Send(new DescribeConnector());

        description.Manifest.Id.ShouldBe("hosted-pbx");
        description.Manifest.SdkVersion.ShouldBe(SdkInfo.Version);
        description.Manifest.Capabilities.ShouldBe(ConnectorCapabilities.ValidateUserSettings | ConnectorCapabilities.ProjectUser
            | ConnectorCapabilities.Actions | ConnectorCapabilities.PushUser | ConnectorCapabilities.ListVendorUsers
            | ConnectorCapabilities.ListFieldOptions);
        description.Schema.Connector.Single(f => f.Key == "apiKey").Type.ShouldBe(FieldType.Secret);
        description.Schema.User.Select(f => f.Key).ShouldBe(
        [
            "licenseType", "extension", "outboundCallerId", "ringsBeforeVoicemail", "voicemailEnabled", "greeting",
            "voicemailEmail", "voicemailPassword", "forwardingEnabled", "forwardingDestinations", "ringStrategy", "doNotDisturb", "pbxAccountId",
        ]);
        description.Schema.User.Single(f => f.Key == "voicemailPassword").Type.ShouldBe(FieldType.Secret);
        description.Actions.Select(a => a.Name).ShouldBe(
        [
            "delete-user", "desktop-config", "dial-by-name", "provisioning-redeem", "qr-code", "search",
            "voicemail-message", "voicemail-message-delete", "voicemail-messages",
        ]);
    }

    [Fact]
    public async Task ListFieldOptions_OutboundCallerId_NumberInventoryInE164()
    {
        await using var bed = PbxTestBed.Create();

        var callerId = (await bed.UserSchemaAsync()).Single(f => f.Key == "outboundCallerId");
        var options = await bed.Harness.Send(new ListFieldOptions("outboundCallerId"));

        callerId.OptionsFromConnector.ShouldBeTrue();
        callerId.AllowedValues.ShouldBeNull();
        callerId.Kind.ShouldBe(SemanticKind.PhoneNumber);
        options.Items.Select(a => a.Value).ShouldBe([PbxTestBed.MainNumber, PbxTestBed.SalesNumber]);
        callerId.Default!.GetValue<string>().ShouldBe(PbxTestBed.MainNumber);
    }

    [Fact]
    public async Task ListFieldOptions_FieldWithoutOptions_Refused()
    {
        await using var bed = PbxTestBed.Create();

        await Should.ThrowAsync<ConnectorHost.Sdk.Gateway.VendorRejectedException>(() => bed.Harness.Send(new ListFieldOptions("licenseType")));
    }

    [Fact]
    public async Task Describe_GreetingLimit_FollowsConnectorSetting()
    {
        await using var bed = PbxTestBed.Create(extra: "\"greetingMaxBytes\": 65536");

        var greeting = (await bed.UserSchemaAsync()).Single(f => f.Key == "greeting");

        greeting.MaxLength.ShouldBe(65536);
        greeting.AcceptedContentTypes.ShouldBe(["audio/wav", "audio/mpeg"]);
    }

    [Fact]
    public void Create_MissingApiKey_FailsNamingTheField()
    {
        var error = CreateFails("""{"baseUrl":"https://pbx.example.com","provisioningServer":"sip.example.com","numberInventory":["+493012345670"]}""");

        error.Errors.ShouldContain(e => e.Field == "apiKey");
        error.Message.ShouldContain("apiKey");
    }

    [Fact]
    public void Create_InvalidInventoryNumber_FailsNamingTheEntry()
    {
        var error = CreateFails("""{"baseUrl":"https://pbx.example.com","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":["+493012345670","12"]}""");

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("numberInventory[1]");
    }

    [Fact]
    public void Create_DuplicateInventoryNumber_Fails()
    {
        var error = CreateFails("""{"baseUrl":"https://pbx.example.com","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":["+493012345670","030 12345670"]}""");

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("numberInventory[1]");
    }

    [Fact]
    public void Create_EmptyInventory_Fails()
    {
        var error = CreateFails("""{"baseUrl":"https://pbx.example.com","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":[]}""");

        error.Errors.ShouldContain(e => e.Field == "numberInventory");
    }

    [Fact]
    public void Create_BaseUrlWithCredentials_FailsWithoutEchoingIt()
    {
        var error = CreateFails("""{"baseUrl":"https://admin:hunter2@pbx.example.com","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":["+493012345670"]}""");

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("baseUrl");
        error.Message.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData("\"provisioningServer\":\"https://sip.example.com/\"", "provisioningServer")]
    [InlineData("\"provisioningServer\":\"sip.example.com\",\"defaultRegion\":\"XX\"", "defaultRegion")]
    [InlineData("\"provisioningServer\":\"sip.example.com\",\"dialByNameMatch\":\"nickname\"", "dialByNameMatch")]
    [InlineData("\"provisioningServer\":\"sip.example.com\",\"greetingMaxBytes\":100", "greetingMaxBytes")]
    public void Create_InvalidField_FailsNamingIt(string fields, string field)
    {
        var error = CreateFails($$"""{"baseUrl":"https://pbx.example.com","apiKey":"k","numberInventory":["+493012345670"],{{fields}}}""");

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public void Create_InvalidSettings_MessageNeverContainsTheApiKey()
    {
        var error = CreateFails("""{"baseUrl":"ftp://pbx.example.com","apiKey":"super-secret-key","provisioningServer":"sip.example.com","numberInventory":["+493012345670"]}""");

        error.Message.ShouldNotContain("super-secret-key");
    }

    [Theory]
    [InlineData("\"baseUrl\":\"https://pbx.example.com/?tenant=1\"", "baseUrl",
        "PBX API base URL must be an absolute http(s) URL without credentials or query, e.g. https://pbx.example.com/.")]
    [InlineData("\"provisioningServer\":\"https://sip.example.com/\"", "provisioningServer",
        "Provisioning server must be a host name such as sip.example.com (no scheme, path or port); got 'https://sip.example.com/'.")]
    [InlineData("\"defaultRegion\":\"XX\"", "defaultRegion", "Default region must be a two-letter region code such as DE or US; got 'XX'.")]
    [InlineData("\"numberInventory\":[\"+493012345670\",\"12\"]", "numberInventory[1]",
        "Number inventory entry 2 ('12') is not a valid phone number (region DE).")]
    [InlineData("\"numberInventory\":[\"+493012345670\",\"030 12345670\"]", "numberInventory[1]",
        "Number inventory entry 2 ('030 12345670') lists +493012345670 a second time.")]
    public void Create_InvalidField_MessageSaysWhatIsWrong(string field, string key, string message)
    {
        var settings = JsonNode.Parse("""{"baseUrl":"https://pbx.example.com/","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":["+493012345670"]}""")!.AsObject();
        var replacement = JsonNode.Parse("{" + field + "}")!.AsObject().Single();
        settings[replacement.Key] = replacement.Value!.DeepClone();

        var error = CreateFails(settings.ToJsonString());

        var only = error.Errors.ShouldHaveSingleItem();
        only.Field.ShouldBe(key);
        only.Message.ShouldBe(message);
        error.Message.ShouldBe($"Hosted PBX connector settings are invalid: [{key}] {message}");
    }

    [Theory]
    [InlineData("https://pbx.example.com/tenant", "https://pbx.example.com/tenant/")]
    [InlineData("https://pbx.example.com/tenant/", "https://pbx.example.com/tenant/")]
    public void Parse_BaseUrlWithPath_ApiPathsResolveBelowIt(string baseUrl, string expected)
    {
        var options = HostedPbxOptions.Parse(JsonNode.Parse($$"""{"baseUrl":"{{baseUrl}}","apiKey":"k","provisioningServer":"sip.example.com","numberInventory":["+493012345670"]}""")!.AsObject(), LibPhoneNumbers.Instance);

        options.BaseUrl.ShouldBe(new Uri(expected));
        new Uri(options.BaseUrl, "api/v1/extensions").AbsolutePath.ShouldBe("/tenant/api/v1/extensions");
    }

    [Fact]
    public void Parse_ValidSettings_ToStringWithoutTheApiKey()
    {
        var options = HostedPbxOptions.Parse(JsonNode.Parse("""{"baseUrl":"https://pbx.example.com","apiKey":"super-secret-key","provisioningServer":"SIP.example.com","numberInventory":["+493012345670"]}""")!.AsObject(), LibPhoneNumbers.Instance);

        // What a log line or debugger shows: the endpoints, never the key.
        options.ToString().ShouldBe("HostedPbxOptions { BaseUrl = https://pbx.example.com/, ProvisioningServer = sip.example.com }");
    }
}
