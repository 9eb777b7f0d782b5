using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using CommPeak.Dialer.Testing;
using ConnectorHost.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommPeak.Dialer.Tests;

/// <summary>plugins.json settings of the connector: checked at load, naming the field, never echoing the password.</summary>
public sealed class ConnectorSettingsTests
{
    [Fact]
    public void Load_PlainHttpToARemoteHost_RefusedNamingBaseUrl()
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("http://acme.td.commpeak.com/"), password: "pw-99x");

        var error = Should.Throw<CommPeakSettingsException>(() => PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("baseUrl");
        error.Message.ShouldNotContain("pw-99x");
    }

    [Theory]
    [InlineData("ftp://acme.td.commpeak.com/")]
    [InlineData("https://acme.td.commpeak.com/?tenant=acme")]
    [InlineData("https://admin:s3cr3t@acme.td.commpeak.com/")]
    [InlineData("acme.td.commpeak.com")]
    public void Load_BaseUrlOtherSchemeQueryCredentialsOrRelative_RefusedWithoutEchoingIt(string url)
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"));
        settings["baseUrl"] = url;

        var error = Should.Throw<CommPeakSettingsException>(() => PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings));

        var field = error.Errors.ShouldHaveSingleItem();
        field.Field.ShouldBe("baseUrl");
        field.Message.ShouldBe("Dialer URL must be an absolute https URL without credentials or query, e.g. https://acme.td.commpeak.com/ (http only for 127.0.0.1/localhost).");
        error.Message.ShouldNotContain("s3cr3t");
    }

    [Theory]
    [InlineData("http://localhost:8080", "http://localhost:8080/")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/")]
    [InlineData("https://acme.td.commpeak.com/dialer", "https://acme.td.commpeak.com/dialer/")]
    public async Task Load_LoopbackHttpOrHttpsWithPath_LoadedWithOneTrailingSlash(string url, string expected)
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"));
        settings["baseUrl"] = url;

        await using var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings);

        // The API paths resolve below this base: /dialer/api/users, not /api/users.
        var options = harness.Services.GetRequiredService<CommPeakOptions>();
        options.BaseUrl.AbsoluteUri.ShouldBe(expected);
        new Uri(options.BaseUrl, "api/users").AbsoluteUri.ShouldBe(expected + "api/users");
    }

    [Fact]
    public void Load_UnknownPhoneRegion_RefusedNamingTheRegion()
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"));
        settings["defaultPhoneRegion"] = "xx";

        var error = Should.Throw<CommPeakSettingsException>(() => PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings));

        var field = error.Errors.ShouldHaveSingleItem();
        field.Field.ShouldBe("defaultPhoneRegion");
        field.Message.ShouldBe("Default phone region must be a two-letter region code such as DE or US; got 'XX'.");
    }

    [Fact]
    public async Task Load_LowerCaseRegion_CallerIdNumbersReadInThatRegion()
    {
        await using var commPeak = await FakeCommPeak.StartAsync();
        var settings = CommPeakTestBed.ConnectorSettings(commPeak.BaseAddress);
        settings["defaultPhoneRegion"] = "us";
        await using var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings);
        var ann = harness.Directory.AddUser("ann", "Ann", "Lee", "ann@example.com");

        var outcome = await harness.PutUserSettingsAsync(ann.Id, JsonNode.Parse("""{"roles":["1"],"callerIdNumber":"(202) 555-0147"}""")!.AsObject());

        outcome.Stored!["callerIdNumber"]!.GetValue<string>().ShouldBe("+12025550147");
    }

    [Fact]
    public async Task ToString_Options_NamesUrlAndUserButNotThePassword()
    {
        await using var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id,
            CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"), password: "pw-99x"));
        var options = harness.Services.GetRequiredService<CommPeakOptions>();

        options.ToString().ShouldBe($"CommPeakOptions {{ BaseUrl = https://acme.td.commpeak.com/, ApiUsername = {FakeCommPeak.ApiUser} }}");
    }

    [Fact]
    public async Task Load_HttpsTenantUrl_Loaded()
    {
        await using var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id,
            CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com")));

        (await harness.Send(new ConnectorHost.Sdk.Requests.DescribeConnector())).Manifest.Id.ShouldBe("commpeak-dialer");
    }

    [Theory]
    [InlineData("username=user_name", "'username' is not an undocumented CommPeak setting; these are: oauthEmail, caldavToken, assignLeads, allowedIps, autoDial, personalPredictiveQueue, predictiveQueueCallsPerAgent, predictiveQueueMaxWaitSeconds, callerIdName, callerIdNumber, tenantSuperuser, tags, memberAllTags, memberAllSkillGroups, pbxUsername, pbxPassword, pbxExtension, pbxDynamic.")]
    [InlineData("callerIdName=email", "API field 'email' is already sent for another setting.")]
    public void Load_BadUndocumentedFieldMapping_ExactMessage(string entry, string message)
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"), undocumentedFieldNames: new JsonArray("oauthEmail=oauth_email", entry));

        var error = Should.Throw<CommPeakSettingsException>(() => PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings));

        var field = error.Errors.ShouldHaveSingleItem();
        field.Field.ShouldBe("undocumentedFieldNames[1]");
        field.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("username=user_name", "undocumentedFieldNames[0]")]
    [InlineData("callerIdName=email", "undocumentedFieldNames[0]")]
    [InlineData("callerIdName caller_id_name", "undocumentedFieldNames[0]")]
    public void Load_BadUndocumentedFieldMapping_RefusedNamingTheEntry(string entry, string field)
    {
        var settings = CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com/"), undocumentedFieldNames: new JsonArray(entry));

        var error = Should.Throw<CommPeakSettingsException>(() => PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id, settings));

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }
}
