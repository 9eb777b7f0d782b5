using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using ConnectorHost.Testing;

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

    [Fact]
    public async Task Load_HttpsTenantUrl_Loaded()
    {
        await using var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id,
            CommPeakTestBed.ConnectorSettings(new Uri("https://acme.td.commpeak.com")));

        (await harness.Send(new ConnectorHost.Sdk.Requests.DescribeConnector())).Manifest.Id.ShouldBe("commpeak-dialer");
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
