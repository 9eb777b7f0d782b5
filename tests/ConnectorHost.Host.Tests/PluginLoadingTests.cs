using System.Net;
using System.Reflection;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Polly;

namespace ConnectorHost.Host.Tests;

public sealed class PluginLoadingTests
{
    private static JsonObject Connector(JsonNode list, string id) =>
        list.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!.AsObject();

    [Fact]
    public async Task Connectors_TestPlugins_ReportLoadedAndFaultedWithReasons()
    {
        await using var host = await TestHost.StartAsync();

        var list = await (await host.Client.GetAsync("/api/connectors")).ReadNodeAsync();

        Connector(list, "sample")["status"]!.GetValue<string>().ShouldBe("Loaded");
        Connector(list, "sample")["version"]!.GetValue<string>().ShouldBe("1.2.3");
        Connector(list, "isolated-dependency")["status"]!.GetValue<string>().ShouldBe("Loaded");
        var throwing = Connector(list, "throws-on-register");
        throwing["status"]!.GetValue<string>().ShouldBe("Faulted");
        throwing["faultReason"]!.GetValue<string>().ShouldContain("simulated registration failure");
        var future = Connector(list, "future-sdk");
        future["status"]!.GetValue<string>().ShouldBe("Faulted");
        future["faultReason"]!.GetValue<string>().ShouldContain("SDK 3.0.0");
    }

    [Fact]
    public async Task Health_FaultedPluginPresent_HostStillServesAndReportsDegraded()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Degraded");
        (await host.Client.PostAsJsonAsync("/api/users", new { username = "still-works", firstName = "A", lastName = "B" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task IsolatedDependency_PluginUsesOlderPolly_BothVersionsWorkSideBySide()
    {
        await using var host = await TestHost.StartAsync();

        var result = await (await host.Client.GetAsync("/api/connectors/isolated-dependency/actions/library-version")).ReadObjectAsync();

        result["pollyVersion"]!.GetValue<string>().ShouldBe("8.1.0");
        result["attempts"]!.GetValue<int>().ShouldBe(3);
        // The host itself runs the newer Polly in the same process.
        typeof(ResiliencePipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.ShouldStartWith("8.9.1");
    }

    [Fact]
    public async Task PluginsJson_BadEntries_EachFaultedWithReasonNamingTheEntry()
    {
        var plugins = new JsonObject
        {
            ["plugins"] = new JsonArray(
                new JsonObject { ["id"] = "sample", ["path"] = RepoPaths.Plugin("TestPlugins.Sample"), ["settings"] = new JsonObject() },
                new JsonObject { ["id"] = "sample", ["path"] = RepoPaths.Plugin("TestPlugins.Sample") },
                new JsonObject { ["id"] = "missing-file", ["path"] = "/nowhere/Plugin.dll" },
                new JsonObject { ["id"] = "typo", ["path"] = RepoPaths.Plugin("TestPlugins.Sample"), ["enabeld"] = true },
                new JsonObject { ["id"] = "needs-secret", ["path"] = RepoPaths.Plugin("TestPlugins.Sample"), ["settings"] = new JsonObject { ["region"] = "${env:CH_TEST_UNSET}" } }),
        };
        await using var host = await TestHost.StartAsync(plugins);

        var list = (await (await host.Client.GetAsync("/api/connectors")).ReadNodeAsync()).AsArray();

        list[0]!["status"]!.GetValue<string>().ShouldBe("Loaded");
        list[1]!["faultReason"]!.GetValue<string>().ShouldContain("duplicate id");
        list[2]!["faultReason"]!.GetValue<string>().ShouldContain("plugin file not found");
        list[3]!["faultReason"]!.GetValue<string>().ShouldContain("'enabeld'");
        list[4]!["faultReason"]!.GetValue<string>().ShouldContain("CH_TEST_UNSET");
        list.Skip(1).ShouldAllBe(c => c!["status"]!.GetValue<string>() == "Faulted");
    }

    [Fact]
    public async Task PluginsJson_EnvironmentReference_ResolvedIntoSettings()
    {
        var plugins = TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject { ["region"] = "${env:CH_REGION}" }));
        await using var host = await TestHost.StartAsync(plugins, new Dictionary<string, string> { ["CH_REGION"] = "US" });

        var sample = await (await host.Client.GetAsync("/api/connectors/sample")).ReadObjectAsync();

        sample["status"]!.GetValue<string>().ShouldBe("Loaded");
    }

    [Fact]
    public async Task PluginsJson_InvalidConnectorSettings_FaultedNamingTheSetting()
    {
        var plugins = TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject { ["region"] = "EU", ["colour"] = "red" }));
        await using var host = await TestHost.StartAsync(plugins);

        var sample = await (await host.Client.GetAsync("/api/connectors/sample")).ReadObjectAsync();

        sample["status"]!.GetValue<string>().ShouldBe("Faulted");
        sample["faultReason"]!.GetValue<string>().ShouldContain("settings.colour");
    }

    [Fact]
    public async Task Action_OnFaultedConnector_Returns409WithReason()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connectors/future-sdk/actions/anything", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("faulted");
    }
}
