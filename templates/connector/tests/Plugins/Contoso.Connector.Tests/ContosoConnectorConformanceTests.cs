using System.Text.Json.Nodes;
using ConnectorHost.Conformance;

namespace Contoso.Connector.Tests;

/// <summary>The connector against the host's contract (docs/writing-a-connector.md, "Conformance"), with the fake vendor.</summary>
public sealed class ContosoConnectorConformanceTests
{
    [Fact]
    public async Task Run_FakeVendor_EveryCheckPasses()
    {
        var subject = new ConformanceSubject(
            ContosoConnectorModule.Id,
            async () =>
            {
                var vendor = await FakeContosoConnectorVendor.StartAsync();
                return new ConformanceVendor(vendor.BaseAddress, vendor);
            },
            url => ContosoConnectorTestBed.ConnectorSettings(url, timeoutSeconds: 5),
            new ConformanceUser("ann.lee", "Ann", "Lee", "ann@example.com", new JsonObject { ["extension"] = "21" }))
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
            SameSettingsConflict = true,
            RefusedUserSettings = [new JsonObject { ["extension"] = "2a" }],
        };

        var report = await ConnectorConformance.RunAsync<ContosoConnectorModule>(subject);

        report.Failures.ShouldBeEmpty(report.ToString());
        report.Checks.ShouldNotContain(c => c.Outcome == ConformanceOutcome.Skipped, report.ToString());
    }
}
