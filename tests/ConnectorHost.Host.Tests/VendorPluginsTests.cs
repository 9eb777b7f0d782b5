using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

/// <summary>The repository's own plugins.json, loaded by the real host: the vendor connectors behind HTTP.</summary>
public sealed class VendorPluginsTests
{
    [Fact]
    public async Task RepositoryPluginsJson_FreshClone_EveryConnectorLoadedAndHealthy()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins);

        var list = (await (await host.Client.GetAsync("/api/connectors")).ReadNodeAsync()).AsArray();
        var health = await host.Client.GetAsync("/health");

        var status = list.ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        status.ShouldBe(new Dictionary<string, string>
        {
            ["starface-cti"] = "Loaded",
            ["hosted-pbx"] = "Loaded",
            ["commpeak-dialer"] = "Loaded",
            ["connectel"] = "Loaded",
        });
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        // Connector secrets never leave the host.
        var text = list.ToJsonString();
        text.ShouldNotContain("set-STARFACE_PASSWORD");
        text.ShouldNotContain("set-HOSTED_PBX_API_KEY");
        text.ShouldNotContain("set-COMMPEAK_API_PASSWORD");
        text.ShouldNotContain("set-CONNECTEL_API_KEY");
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
    public async Task StarfaceCti_DuplicateExtensionAmongCtiActiveUsers_Returns400NamingExtension()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins, runSyncWorker: false);
        var first = (await host.CreateUserAsync("anna"))["id"]!.GetValue<Guid>();
        var second = (await host.CreateUserAsync("bert"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{first}/connectors/starface-cti", new { ctiActive = true, extension = "201" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await host.Client.PutAsJsonAsync($"/api/users/{second}/connectors/starface-cti", new { ctiActive = true, extension = "201" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["extension"]![0]!.GetValue<string>().ShouldContain("anna");
    }
}
