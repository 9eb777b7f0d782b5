using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectorHost.Host.Tests;

/// <summary>The repository's own plugins.json, loaded by the real host: the vendor connectors behind HTTP.</summary>
public sealed partial class VendorPluginsTests
{
    [Fact]
    public async Task RepositoryPluginsJson_FreshClone_EveryConnectorLoadedAndHealthy()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins);

        var list = (await (await host.Client.GetAsync("/api/connectors")).ReadNodeAsync()).AsArray();
        var health = await host.Client.GetAsync("/health");

        // Whatever plugins.json lists (a new connector included) must load; no fixed list of ids to keep in step.
        var entries = TestHost.RepositoryPlugins["plugins"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var status = list.ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>() + " " + c["faultReason"]);
        status.Keys.ShouldBe(entries.Select(e => e["id"]!.GetValue<string>()), ignoreOrder: true);
        status.ShouldAllBe(s => s.Value.StartsWith("Loaded"));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        // Connector secrets (the placeholder fallbacks of ${env:NAME:-set-NAME}) never leave the host.
        var text = list.ToJsonString();
        var placeholders = entries.SelectMany(e => e["settings"]!.AsObject())
            .Select(p => p.Value?.ToString() ?? "")
            .Select(v => PlaceholderFallback().Match(v))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
        placeholders.ShouldNotBeEmpty();
        placeholders.ShouldAllBe(secret => !text.Contains(secret));
    }

    [Fact]
    public void RepositoryPluginsJson_EveryConnectorProject_HasAnEntry()
    {
        // A connector under plugins/ that plugins.json forgets would never load in a fresh clone.
        var paths = TestHost.RepositoryPlugins["plugins"]!.AsArray().Select(e => Path.GetFullPath(e!["path"]!.GetValue<string>())).ToList();
        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "plugins"))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
            .Select(d => Path.GetFileNameWithoutExtension(Directory.GetFiles(d, "*.csproj")[0]))
            .ToList();

        projects.ShouldNotBeEmpty();
        projects.ShouldAllBe(project => paths.Contains(Path.GetFullPath(RepoPaths.Plugin(project))));
    }

    [Fact]
    public async Task HostedPbx_DuplicateExtension_Returns409NamingTheHolder()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins, runSyncWorker: false);
        var ann = (await host.CreateUserAsync("ann", "Ann", "Lee", "ann@example.com"))["id"]!.GetValue<Guid>();
        var bob = (await host.CreateUserAsync("bob", "Bob", "Ray", "bob@example.com"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{ann}/connectors/hosted-pbx", new { extension = "10" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await host.Client.PutAsJsonAsync($"/api/users/{bob}/connectors/hosted-pbx", new { extension = "10" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["errors"]!["extension"]![0]!.GetValue<string>().ShouldContain("Ann Lee");
    }

    [Fact]
    public async Task StarfaceCti_DuplicateExtensionAmongCtiActiveUsers_Returns409NamingExtension()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins, runSyncWorker: false);
        var first = (await host.CreateUserAsync("anna"))["id"]!.GetValue<Guid>();
        var second = (await host.CreateUserAsync("bert"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{first}/connectors/starface-cti", new { ctiActive = true, extension = "201" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await host.Client.PutAsJsonAsync($"/api/users/{second}/connectors/starface-cti", new { ctiActive = true, extension = "201" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["errors"]!["extension"]![0]!.GetValue<string>().ShouldContain("anna");
    }

    [GeneratedRegex(@"^\$\{env:[A-Z0-9_]+:-(set-[A-Z0-9_]+)\}$")]
    private static partial Regex PlaceholderFallback();
}
