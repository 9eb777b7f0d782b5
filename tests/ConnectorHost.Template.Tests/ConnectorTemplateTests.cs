using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ConnectorHost.Testing.Host;
using Xunit.Abstractions;

namespace ConnectorHost.Template.Tests;

/// <summary>
/// The partner's path, end to end: install the template, generate a connector in the repository root, build it and
/// run its tests (conformance included), and load it in the real host from plugins.json, with no edit anywhere else.
/// </summary>
public sealed class ConnectorTemplateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NewConnector_InRepositoryCopy_BuildsPassesItsTestsAndLoadsInTheHost()
    {
        using var repository = RepositoryCopy.Create();
        var hive = repository.PathOf(".template-hive");
        var clock = Stopwatch.StartNew();

        await ExpectSuccessAsync(repository.Root, TimeSpan.FromMinutes(2), "new", "install", repository.PathOf("templates/connector"), "--debug:custom-hive", hive);
        await ExpectSuccessAsync(repository.Root, TimeSpan.FromMinutes(2), "new", "connectorhost-connector", "-n", "Acme.Pbx", "--id", "acme-pbx", "--allow-scripts", "yes", "--debug:custom-hive", hive);
        var generated = clock.Elapsed;

        File.Exists(repository.PathOf("plugins/Acme.Pbx/AcmePbxModule.cs")).ShouldBeTrue();
        var solution = await File.ReadAllTextAsync(repository.PathOf("ConnectorHost.sln"));
        solution.ShouldContain(@"plugins\Acme.Pbx\Acme.Pbx.csproj");
        solution.ShouldContain(@"tests\Plugins\Acme.Pbx.Tests\Acme.Pbx.Tests.csproj");
        var before = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryCopy.Source, "plugins.json")))!["plugins"]!.AsArray();
        var plugins = JsonNode.Parse(await File.ReadAllTextAsync(repository.PathOf("plugins.json")))!["plugins"]!.AsArray();
        plugins.Select(p => p!["id"]!.GetValue<string>()).ShouldBe([.. before.Select(p => p!["id"]!.GetValue<string>()), "acme-pbx"]);
        var entry = plugins.Single(p => p!["id"]!.GetValue<string>() == "acme-pbx")!.AsObject();
        entry["settings"]!["apiKey"]!.GetValue<string>().ShouldBe("${env:ACME_PBX_API_KEY:-set-ACME_PBX_API_KEY}");

        var tests = await ExpectSuccessAsync(repository.Root, TimeSpan.FromMinutes(12), "test", "tests/Plugins/Acme.Pbx.Tests", "--disable-build-servers");
        tests.ShouldContain("Passed!");
        var tested = clock.Elapsed;

        // The entry as generated, environment empty: a fresh clone loads it with the fallbacks.
        await using var host = await HostTestBed.StartAsync(new JsonObject { ["plugins"] = new JsonArray(entry.DeepClone()) }, new Dictionary<string, string>(), pathsRelativeTo: repository.Root);
        var connector = await host.ConnectorAsync("acme-pbx");
        connector["status"]!.GetValue<string>().ShouldBe("Loaded", connector["faultReason"]?.ToString());
        var ann = await host.CreateUserAsync("ann", "Ann", "Lee");
        var bob = await host.CreateUserAsync("bob", "Bob", "Stone");
        (await host.PutUserSettingsAsync("acme-pbx", ann, new JsonObject { ["extension"] = "21" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.PutUserSettingsAsync("acme-pbx", bob, new JsonObject { ["extension"] = "21" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        output.WriteLine($"template → generated {generated.TotalSeconds:0} s; → built and tests green {tested.TotalSeconds:0} s; → loaded in the host {clock.Elapsed.TotalSeconds:0} s");
    }

    private async Task<string> ExpectSuccessAsync(string directory, TimeSpan limit, params string[] arguments)
    {
        var (exitCode, text) = await DotnetCli.RunAsync(directory, limit, arguments);
        output.WriteLine($"$ dotnet {string.Join(' ', arguments)} → {exitCode}");
        exitCode.ShouldBe(0, text);
        return text;
    }
}
