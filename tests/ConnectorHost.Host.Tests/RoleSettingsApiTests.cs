using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

/// <summary><c>/api/roles/{id}/connectors/{connectorId}</c>, through the real host with the sample connector.</summary>
public sealed class RoleSettingsApiTests
{
    [Fact]
    public async Task PutGetDelete_RoleSettings_StoredVersionedAuditedAndRemoved()
    {
        await using var host = await TestHost.StartAsync();
        var role = await CreateAsync(host, "/api/roles", new { key = "gold-agents", name = "Gold agents" });

        var put = await host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/sample", new { tier = "GOLD", seats = 5 });

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        put.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var got = await host.Client.GetAsync($"/api/roles/{role}/connectors/sample");
        var settings = (await got.ReadObjectAsync())["settings"]!;
        settings["tier"]!.GetValue<string>().ShouldBe("gold");
        settings["seats"]!.GetValue<int>().ShouldBe(5);
        var audit = await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=RoleConnectorSetting");
        audit!["items"]!.AsArray().ShouldHaveSingleItem()!["action"]!.GetValue<string>().ShouldBe("created");

        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/roles/{role}/connectors/sample");
        delete.Headers.IfMatch.Add(got.Headers.ETag!);
        (await host.Client.SendAsync(delete)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await (await host.Client.GetAsync($"/api/roles/{role}/connectors/sample")).ReadObjectAsync();
        after["version"]!.GetValue<int>().ShouldBe(0);
        after["settings"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task DeleteRole_WithConnectorSettings_SettingsRemovalIsAudited()
    {
        await using var host = await TestHost.StartAsync();
        var role = await CreateAsync(host, "/api/roles", new { key = "silver-agents", name = "Silver agents" });
        (await host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/sample", new { tier = "SILVER", seats = 2 })).EnsureSuccessStatusCode();

        (await host.Client.DeleteAsync($"/api/roles/{role}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Who removed the role's settings and when must be answerable, as for a group's or a user's.
        var audit = await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=RoleConnectorSetting");
        audit!["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).Order().ShouldBe(["created", "deleted"]);
    }

    [Fact]
    public async Task Put_RoleSchemaViolations_Returns400NamingEachFieldAndStoresNothing()
    {
        await using var host = await TestHost.StartAsync();
        var role = await CreateAsync(host, "/api/roles", new { key = "agents", name = "Agents" });

        var response = await host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/sample", new { tier = "platinum", seats = 99, badge = "123" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["tier", "seats", "badge"], ignoreOrder: true);
        (await (await host.Client.GetAsync($"/api/roles/{role}/connectors/sample")).ReadObjectAsync())["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Put_StaleIfMatch_Returns412AndKeepsStoredSettings()
    {
        await using var host = await TestHost.StartAsync();
        var role = await CreateAsync(host, "/api/roles", new { key = "agents", name = "Agents" });
        (await host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/sample", new { tier = "gold" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/sample", new { tier = "silver" })).EnsureSuccessStatusCode();

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/roles/{role}/connectors/sample") { Content = JsonContent.Create(new { tier = "gold" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await host.Client.SendAsync(stale);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await (await host.Client.GetAsync($"/api/roles/{role}/connectors/sample")).ReadObjectAsync())["settings"]!["tier"]!.GetValue<string>().ShouldBe("silver");
    }

    [Fact]
    public async Task Put_UnknownRole_Returns404()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync($"/api/roles/{Guid.NewGuid()}/connectors/sample", new { tier = "gold" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Preview_RoleSettingsViaGroupAndCompositeRole_ReachThePlugin()
    {
        await using var host = await TestHost.StartAsync();
        var userId = (await host.CreateUserAsync("rita"))["id"]!.GetValue<Guid>();
        var agent = await CreateAsync(host, "/api/roles", new { key = "agent", name = "Agent" });
        var lead = await CreateAsync(host, "/api/roles", new { key = "team-lead", name = "Team lead", includedRoleIds = new[] { agent } });
        var team = await CreateAsync(host, "/api/groups", new { key = "hotline", name = "Hotline" });
        (await host.Client.PutAsync($"/api/users/{userId}/groups/{team}", null)).EnsureSuccessStatusCode();
        (await host.Client.PutAsync($"/api/groups/{team}/roles/{lead}", null)).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/roles/{agent}/connectors/sample", new { tier = "silver" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/roles/{lead}/connectors/sample", new { tier = "gold" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/users/{userId}/connectors/sample", new { badge = "4711" })).EnsureSuccessStatusCode();

        var preview = await (await host.Client.GetAsync($"/api/users/{userId}/connectors/sample/preview")).ReadObjectAsync();

        // team-lead comes through the group, agent only through the composite team-lead: both carry their settings.
        var tiers = preview["payload"]!["roleTiers"]!.AsObject();
        tiers["agent"]!.GetValue<string>().ShouldBe("silver");
        tiers["team-lead"]!.GetValue<string>().ShouldBe("gold");
    }

    private static async Task<Guid> CreateAsync(TestHost host, string path, object body)
    {
        var response = await host.Client.PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.ReadObjectAsync())["id"]!.GetValue<Guid>();
    }
}
