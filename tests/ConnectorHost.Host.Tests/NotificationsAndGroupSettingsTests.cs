using System.Net;
using System.Net.Http.Json;

namespace ConnectorHost.Host.Tests;

public sealed class NotificationsAndGroupSettingsTests
{
    [Fact]
    public async Task UserChanges_Committed_PluginsAreNotifiedRefusedOnesAreNot()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var id = (await host.CreateUserAsync("nina"))["id"]!.GetValue<Guid>();
        (await host.Client.PostAsJsonAsync($"/api/users/{id}/rename", new { username = "nina.k" })).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync("/api/users", new { username = "NINA.K", firstName = "x", lastName = "y" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var seen = await (await host.Client.GetAsync("/api/connectors/sample/actions/seen")).ReadObjectAsync();

        seen["nina"]!.GetValue<string>().ShouldBe("Created");
        seen["nina.k"]!.GetValue<string>().ShouldBe("Updated");
        seen.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GroupSettings_RequiredFieldMissing_400ThenStoredWithETag()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var group = await (await host.Client.PostAsJsonAsync("/api/groups", new { key = "finance", name = "Finance" })).ReadObjectAsync();
        var id = group["id"]!.GetValue<Guid>();

        var missing = await host.Client.PutAsJsonAsync($"/api/groups/{id}/connectors/sample", new { });
        var stored = await host.Client.PutAsJsonAsync($"/api/groups/{id}/connectors/sample", new { costCenter = "CC-100" });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.ReadObjectAsync())["errors"]!["costCenter"].ShouldNotBeNull();
        stored.StatusCode.ShouldBe(HttpStatusCode.OK);
        stored.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var got = await (await host.Client.GetAsync($"/api/groups/{id}/connectors/sample")).ReadObjectAsync();
        got["settings"]!["costCenter"]!.GetValue<string>().ShouldBe("CC-100");
    }

    [Fact]
    public async Task ApiReference_Browsable_ServesThePage()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);

        var page = await host.Client.GetAsync("/scalar/v1");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Scalar API Reference");
    }
}
