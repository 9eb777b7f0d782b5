using System.Text.Json.Nodes;
using ConnectorHost.Conformance;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

/// <summary>
/// The STARFACE CTI connector against the host's contract (conformance kit): the fake STARFACE behind the kit's proxy,
/// the fake Business Central beside it.
/// </summary>
public sealed class StarfaceCtiConformanceTests
{
    [Fact]
    public async Task Run_FakeStarface_EveryCheckPasses()
    {
        await using var businessCentral = await FakeBusinessCentral.StartAsync();
        var subject = new ConformanceSubject(
            "starface-cti",
            async () =>
            {
                var starface = await FakeStarface.StartAsync();
                starface.AddInternalNumber("201");
                return new ConformanceVendor(starface.BaseAddress, starface);
            },
            url =>
            {
                var settings = CtiTestBed.Settings(businessCentral, null);
                settings["starfaceBaseUrl"] = url.AbsoluteUri;
                return settings;
            },
            new ConformanceUser("ann", "Ann", "Tester", "ann@example.com", new JsonObject { ["ctiActive"] = true, ["extension"] = "201" }))
        {
            TimeoutNotConfigurable = "the STARFACE client's timeout is fixed at 30 s (StarfaceCtiModule.VendorTimeout)",
            SameSettingsConflict = true,
            RefusedUserSettings = [new JsonObject { ["ctiActive"] = true, ["extension"] = "abc" }],
        };

        var report = await ConnectorConformance.RunAsync<StarfaceCtiModule>(subject);

        report.Failures.ShouldBeEmpty(report.ToString());
        report.Checks.Where(c => c.Outcome == ConformanceOutcome.Skipped).Select(c => c.Name).ShouldBe([ConformanceChecks.VendorTimeout], report.ToString());
    }

    // Found by the kit: a taken extension was refused as a malformed value (400) instead of a conflict (409).
    [Fact]
    public async Task Validate_ExtensionOfAnotherCtiUser_RefusedAsConflict()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.AddCtiUserAsync("ann", "201");
        var bob = bed.AddUser("bob");

        var result = await bed.Harness.Send(new ValidateUserSettings(bed.Directory.ContextOf(bob.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" }), null));

        result.IsConflict.ShouldBeTrue();
        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(FieldErrorCodes.Conflict);
    }
}
