using System.Text.Json.Nodes;
using Connectel.Testing;
using ConnectorHost.Conformance;

namespace Connectel.Tests;

/// <summary>The Connectel connector against the host's contract (conformance kit), with the fake Connectel as its vendor.</summary>
public sealed class ConnectelConformanceTests
{
    [Fact]
    public async Task Run_FakeConnectel_EveryCheckPasses()
    {
        // The kit owns the fake (it stops it); the profile must exist before the sample user's settings name it.
        var connectel = await FakeConnectel.StartAsync();
        var profile = connectel.AddProfile("Sales supervisors", "agents", "queues");
        var subject = new ConformanceSubject(
            ConnectelModule.Id,
            () => Task.FromResult(new ConformanceVendor(connectel.BaseAddress, connectel)),
            url => new JsonObject
            {
                ["baseUrl"] = url.AbsoluteUri,
                ["apiKey"] = FakeConnectel.DefaultApiKey,
                ["internalNumberFrom"] = 2000,
                ["internalNumberTo"] = 2099,
                ["requestTimeoutSeconds"] = 5,
            },
            new ConformanceUser("ann.lee", "Ann", "Lee", "ann@example.com", JsonNode.Parse($$"""
                { "role": "User", "userProfile": "{{profile}}", "password": "Start-Pass1", "username": "ann.lee",
                  "autoInternalNumber": false, "internalNumber": "2000" }
                """)!.AsObject()))
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
            SameSettingsConflict = true,
            RefusedUserSettings = [JsonNode.Parse("""{ "role": "User", "password": "Start-Pass1" }""")!.AsObject()],
        };

        var report = await ConnectorConformance.RunAsync<ConnectelModule>(subject);

        report.Failures.ShouldBeEmpty(report.ToString());
        report.Checks.ShouldNotContain(c => c.Outcome == ConformanceOutcome.Skipped, report.ToString());
    }
}
