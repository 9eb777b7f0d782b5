using System.Text.Json.Nodes;
using ConnectorHost.Conformance;
using ConnectorHost.Testing;
using TestPlugins.Broken;

namespace ConnectorHost.Conformance.Tests;

/// <summary>
/// The kit against a connector with three deliberate defects: each is reported as its own failed check, every other
/// check passes, and no report text carries the secret it found.
/// </summary>
public sealed class BrokenConnectorTests
{
    private static ConformanceSubject Subject => new(
        "broken",
        async () =>
        {
            var vendor = await FakeDirectoryVendor.StartAsync();
            return new ConformanceVendor(vendor.BaseAddress, vendor);
        },
        url => new JsonObject { ["vendorUrl"] = url.AbsoluteUri, ["apiKey"] = FakeDirectoryVendor.ApiKey },
        new ConformanceUser("ann.lee", "Ann", "Lee", "ann@example.com", new JsonObject { ["login"] = "ann.lee" }))
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
        SameSettingsConflict = true,
        RefusedUserSettings = [new JsonObject { ["login"] = "Ann Lee 42" }],
    };

    [Fact]
    public async Task Run_BrokenSample_ReportsEachDefectAndNothingElse()
    {
        var report = await ConnectorConformance.RunAsync<BrokenConnector>(Subject);

        report.Failures.Select(f => f.Name).ShouldBe([ConformanceChecks.ConflictFlag, ConformanceChecks.NoDuplicate, ConformanceChecks.Secrets], ignoreOrder: true, report.ToString());
        report[ConformanceChecks.ConflictFlag].Detail.ShouldContain("refused without IsConflict");
        report[ConformanceChecks.NoDuplicate].Detail.ShouldContain("2 users with the match key 'ann.lee'");
        report[ConformanceChecks.Secrets].Detail.ShouldContain("connector setting 'apiKey' appears in the exception");
        report[ConformanceChecks.Vendor401].Outcome.ShouldBe(ConformanceOutcome.Passed);
    }

    [Fact]
    public async Task ThrowIfFailed_BrokenSample_ListsFailuresWithoutTheSecret()
    {
        var report = await ConnectorConformance.RunAsync<BrokenConnector>(Subject);

        var error = Should.Throw<ConformanceFailedException>(report.ThrowIfFailed);

        error.Message.ShouldStartWith("3 conformance check(s) failed.");
        error.Message.ShouldContain("<connector setting 'apiKey'>");
        error.Message.ShouldNotContain(FakeDirectoryVendor.ApiKey);
    }
}
