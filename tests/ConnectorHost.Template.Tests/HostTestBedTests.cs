using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using ConnectorHost.Testing.Host;

namespace ConnectorHost.Template.Tests;

/// <summary>The host test bed as a connector author uses it: a plugin folder, a fake vendor, the sync engine, plan and reconcile.</summary>
public sealed class HostTestBedTests
{
    [Fact]
    public async Task PushPlanReconcile_PluginFolderAndFakeVendor_UserCreatedOnceAndPlanUnchanged()
    {
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var plugin = Path.Combine(RepositoryCopy.Source, "artifacts", "plugins", "TestPlugins.Sample", "TestPlugins.Sample.dll");
        var settings = new JsonObject { ["vendorUrl"] = vendor.BaseAddress.AbsoluteUri, ["apiKey"] = "${env:SAMPLE_API_KEY}" };
        await using var host = await HostTestBed.StartAsync(HostTestBed.PluginsJson("sample", plugin, settings),
            new Dictionary<string, string> { ["SAMPLE_API_KEY"] = FakeDirectoryVendor.ApiKey });
        var pia = await host.CreateUserAsync("pia", "Pia", "Lee");
        (await host.PutUserSettingsAsync("sample", pia, new JsonObject { ["badge"] = "1500" })).EnsureSuccessStatusCode();

        var before = await host.PlanAsync("sample");
        var trace = await host.PushNowAsync("sample", pia);
        await host.RunWorkerUntilIdleAsync("sample");
        var after = await host.PlanAsync("sample");
        var report = await host.ReconcileAsync("sample");

        before["changes"]!.AsArray().Single()!["action"]!.GetValue<string>().ShouldBe("create");
        trace["succeeded"]!.GetValue<bool>().ShouldBeTrue();
        vendor.Users.ShouldHaveSingleItem()["login"]!.GetValue<string>().ShouldBe("pia");
        after["changes"]!.AsArray().Single()!["action"]!.GetValue<string>().ShouldBe("unchanged");
        report["missingAtVendor"]!.AsArray().ShouldBeEmpty();
    }
}
