using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;
using ConnectorHost.Conformance;

namespace CommPeak.Dialer.Tests;

/// <summary>The CommPeak dialer connector against the host's contract (conformance kit), with the fake CommPeak as its vendor.</summary>
public sealed class CommPeakConformanceTests
{
    [Fact]
    public async Task Run_FakeCommPeak_EveryCheckPasses()
    {
        var subject = new ConformanceSubject(
            CommPeakDialerModule.Id,
            async () =>
            {
                var commPeak = await FakeCommPeak.StartAsync();
                return new ConformanceVendor(commPeak.BaseAddress, commPeak);
            },
            url =>
            {
                var settings = CommPeakTestBed.ConnectorSettings(url);
                settings["requestTimeoutSeconds"] = 5;
                return settings;
            },
            new ConformanceUser("ann.lee", "Ann", "Lee", "ann@example.com", JsonNode.Parse("""{"roles":["1"],"username":"ann.lee"}""")!.AsObject()))
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
            SameSettingsConflict = true,
            RefusedUserSettings = [JsonNode.Parse("""{"roles":["1"],"username":"ann lee!"}""")!.AsObject()],
        };

        var report = await ConnectorConformance.RunAsync<CommPeakDialerModule>(subject);

        report.Failures.ShouldBeEmpty(report.ToString());
        report.Checks.ShouldNotContain(c => c.Outcome == ConformanceOutcome.Skipped, report.ToString());
    }
}
