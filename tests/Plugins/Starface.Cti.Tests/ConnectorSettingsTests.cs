using ConnectorHost.Core.Users;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;
using Starface.Cti.Settings;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

public sealed class ConnectorSettingsTests
{
    [Fact]
    public async Task Describe_Always_ReturnsManifestWithEveryHandledCapability()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var description = await bed.Harness.Send(new DescribeConnector());

        description.Manifest.Id.ShouldBe("starface-cti");
        description.Manifest.SdkVersion.ShouldBe(SdkInfo.Version);
        description.Manifest.Capabilities.ShouldBe(
            ConnectorCapabilities.ValidateUserSettings | ConnectorCapabilities.ValidateGroupSettings
            | ConnectorCapabilities.ProjectUser | ConnectorCapabilities.ProjectGroup | ConnectorCapabilities.Actions
            | ConnectorCapabilities.PushUser | ConnectorCapabilities.PushGroup | ConnectorCapabilities.ListVendorUsers);
        description.Actions.Select(a => a.Name).ShouldBe(
            ["cti-groups", "create-cti-group", "rename-cti-group", "delete-cti-group", "visible-users", "screen-pop"], ignoreOrder: true);
        description.Actions.Single(a => a.Name == "cti-groups").Mutating.ShouldBeFalse();
        description.Actions.Single(a => a.Name == "visible-users").Target.ShouldBe(ActionTarget.User);
        description.Actions.Single(a => a.Name == "delete-cti-group").Mutating.ShouldBeTrue();
    }

    [Theory]
    [InlineData("ctiActive", "CTI active", "CTI aktiv")]
    [InlineData("extension", "Extension", "Durchwahl")]
    [InlineData("ctiGroup", "CTI group", "CTI Gruppe")]
    [InlineData("ctiPage", "CTI page", "CTI-Seite")]
    [InlineData("openCtiPage", "Open CTI page", "CTI-Seite öffnen")]
    [InlineData("openCtiPageAt", "Time of opening CTI page", "Zeitpunkt des Öffnens der CTI-Seite")]
    [InlineData("notFoundAction", "No. not found actions", "Nr. nicht gefunden Aktionen")]
    public async Task Describe_UserField_HasVendorLabelsInEnglishAndGerman(string key, string en, string de)
    {
        await using var bed = await CtiTestBed.StartAsync();

        var field = (await bed.Harness.Send(new DescribeConnector())).Schema.User.Single(f => f.Key == key);

        field.Label.ShouldBe(new LocalizedText(en, de));
    }

    [Fact]
    public async Task Describe_CtiPage_OffersContactsCustomersVendorsWithPageIds()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var field = (await bed.Harness.Send(new DescribeConnector())).Schema.User.Single(f => f.Key == "ctiPage");

        field.AllowedValues!.Select(v => (v.Value, v.Label.En, v.Label.De)).ShouldBe(
        [
            ("contacts", "Contacts (5050)", "Kontakte (5050)"),
            ("customers", "Customers (22)", "Debitoren (22)"),
            ("vendors", "Vendors (27)", "Kreditoren (27)"),
        ]);
        field.Default!.GetValue<string>().ShouldBe("contacts");
    }

    [Fact]
    public async Task ConfigureServices_MissingStarfacePassword_ThrowsNamingFieldWithoutSecrets()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings.Remove("starfacePassword");

        var error = Should.Throw<StarfaceCtiSettingsException>(() => PluginHarness.Create<StarfaceCtiModule>("starface-cti", settings));

        error.Errors.Select(e => e.Field).ShouldBe(["starfacePassword"]);
        error.Message.ShouldContain("starfacePassword");
        error.Message.ShouldNotContain(FakeBusinessCentral.ClientSecret);
    }

    [Fact]
    public async Task ConfigureServices_BadUrlRegionAndCompanyId_ThrowsNamingEachField()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings["starfaceBaseUrl"] = "pbx.example.com";
        settings["defaultPhoneRegion"] = "XX";
        settings["businessCentralCompanyId"] = "CRONUS";

        var error = Should.Throw<StarfaceCtiSettingsException>(() => PluginHarness.Create<StarfaceCtiModule>("starface-cti", settings));

        error.Errors.Select(e => e.Field).ShouldBe(["businessCentralCompanyId", "starfaceBaseUrl", "defaultPhoneRegion"], ignoreOrder: true);
    }

    [Fact]
    public async Task ConfigureServices_CredentialsInStarfaceUrl_RefusedWithoutEchoingThem()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings["starfaceBaseUrl"] = "https://admin:url-Secret-7@pbx.example.com/";

        var error = Should.Throw<StarfaceCtiSettingsException>(() => PluginHarness.Create<StarfaceCtiModule>("starface-cti", settings));

        error.Errors.Select(e => e.Field).ShouldBe(["starfaceBaseUrl"]);
        error.Errors.Single().Message.ShouldEndWith("must not contain a user name or password; use the credential settings.");
        error.Message.ShouldNotContain("url-Secret-7");
    }

    [Fact]
    public async Task Parse_OptionalFieldsOmitted_AppliesDocumentedDefaults()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings.Remove("businessCentralTokenUrl");
        settings.Remove("businessCentralApiBaseUrl");

        var options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);

        options.Environment.ShouldBe("production");
        options.TokenUrl.AbsoluteUri.ShouldBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        options.ApiBaseUrl.AbsoluteUri.ShouldBe("https://api.businesscentral.dynamics.com/v2.0");
        options.WebClientBaseUrl.AbsoluteUri.ShouldBe("https://businesscentral.dynamics.com/");
        options.DirectoryRefreshInterval.ShouldBe(TimeSpan.FromMinutes(15));
        options.DefaultRegion.ShouldBe("DE");
        options.CompanyApiUrl.AbsoluteUri.ShouldBe(
            $"https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies({FakeBusinessCentral.CompanyId:D})/");
        options.ToString().ShouldNotContain(FakeBusinessCentral.ClientSecret);
        options.ToString().ShouldNotContain(FakeStarface.Password);
    }

    [Fact]
    public void Schema_SecretsAreSecretFields()
    {
        var secrets = StarfaceCtiSchema.ConnectorFields.Where(f => f.Type == FieldType.Secret).Select(f => f.Key);

        secrets.ShouldBe(["businessCentralClientSecret", "starfacePassword"], ignoreOrder: true);
    }

    [Fact]
    public void Parse_SettingsFromPluginsJsonExample_AreAccepted()
    {
        // The settings block documented in docs/connectors/starface-cti.md, with ${env:...} already resolved by the host.
        var settings = JsonNode.Parse("""
            {
              "businessCentralTenantId": "contoso.onmicrosoft.com",
              "businessCentralEnvironment": "production",
              "businessCentralCompanyId": "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
              "businessCentralCompanyName": "CRONUS AG",
              "businessCentralClientId": "3f1c9a52-7e0b-4d55-9f0e-2b8a6c1d4e77",
              "businessCentralClientSecret": "resolved-from-env",
              "directoryRefreshMinutes": 15,
              "defaultPhoneRegion": "DE",
              "starfaceBaseUrl": "https://pbx.example.com",
              "starfaceLogin": "0001",
              "starfacePassword": "resolved-from-env"
            }
            """)!.AsObject();

        var options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);

        options.CompanyName.ShouldBe("CRONUS AG");
        options.StarfaceBaseUrl.AbsoluteUri.ShouldBe("https://pbx.example.com/");
    }
}
