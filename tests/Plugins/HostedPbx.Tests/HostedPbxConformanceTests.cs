using System.Text.Json.Nodes;
using ConnectorHost.Conformance;
using HostedPbx.Testing;

namespace HostedPbx.Tests;

/// <summary>The hosted PBX connector against the host's contract (conformance kit), with the fake PBX as its vendor.</summary>
public sealed class HostedPbxConformanceTests
{
    [Fact]
    public async Task Run_FakePbx_EveryCheckPasses()
    {
        var subject = new ConformanceSubject(
            HostedPbxConnector.Id,
            async () =>
            {
                var pbx = await FakePbx.StartAsync();
                return new ConformanceVendor(pbx.BaseAddress, pbx);
            },
            url => PbxTestBed.ConnectorSettings(url, "\"requestTimeoutSeconds\": 5"),
            new ConformanceUser("ann.lee", "Ann", "Lee", "ann@example.com", JsonNode.Parse("""{"extension":"10","voicemailPassword":"80417263"}""")!.AsObject()))
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
            SameSettingsConflict = true,
            RefusedUserSettings = [JsonNode.Parse("""{"extension":"10a"}""")!.AsObject()],
        };

        var report = await ConnectorConformance.RunAsync<HostedPbxConnector>(subject);

        report.Failures.ShouldBeEmpty(report.ToString());
        report.Checks.ShouldNotContain(c => c.Outcome == ConformanceOutcome.Skipped, report.ToString());
    }
}
