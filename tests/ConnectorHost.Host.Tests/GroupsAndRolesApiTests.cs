using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

public sealed class GroupsAndRolesApiTests
{
    private static async Task<Guid> CreateAsync(TestHost host, string path, object body)
    {
        var response = await host.Client.PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.ReadObjectAsync())["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task UpdateGroup_ParentIsOwnDescendant_Returns400NamingParentId()
    {
        await using var host = await TestHost.StartAsync();
        var sales = await CreateAsync(host, "/api/groups", new { key = "sales", name = "Sales" });
        var north = await CreateAsync(host, "/api/groups", new { key = "sales-north", name = "Sales North", parentId = sales });

        var response = await host.Client.PutAsJsonAsync($"/api/groups/{sales}", new { name = "Sales", parentId = north });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["parentId"].ShouldNotBeNull();
        var stored = await (await host.Client.GetAsync($"/api/groups/{sales}")).ReadObjectAsync();
        stored["parentId"].ShouldBeNull();
    }

    [Fact]
    public async Task CreateGroup_DuplicateKey_Returns409()
    {
        await using var host = await TestHost.StartAsync();
        await CreateAsync(host, "/api/groups", new { key = "support", name = "Support" });

        var response = await host.Client.PostAsJsonAsync("/api/groups", new { key = "SUPPORT", name = "Other" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await host.CountAsync("/api/groups")).ShouldBe(1);
    }

    [Fact]
    public async Task DeleteGroup_WithChildren_Returns409NamingChildren()
    {
        await using var host = await TestHost.StartAsync();
        var parent = await CreateAsync(host, "/api/groups", new { key = "emea", name = "EMEA" });
        await CreateAsync(host, "/api/groups", new { key = "dach", name = "DACH", parentId = parent });

        var response = await host.Client.DeleteAsync($"/api/groups/{parent}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("dach");
    }

    [Fact]
    public async Task UpdateRole_CompositeCycle_Returns400NamingIncludedRoleIds()
    {
        await using var host = await TestHost.StartAsync();
        var agent = await CreateAsync(host, "/api/roles", new { key = "agent", name = "Agent" });
        var supervisor = await CreateAsync(host, "/api/roles", new { key = "supervisor", name = "Supervisor", includedRoleIds = new[] { agent } });

        var response = await host.Client.PutAsJsonAsync($"/api/roles/{agent}", new { name = "Agent", includedRoleIds = new[] { supervisor } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["includedRoleIds"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Preview_UserInGroupWithCompositeRole_ConnectorSeesGroupsAndEffectiveRoles()
    {
        await using var host = await TestHost.StartAsync();
        var userId = (await host.CreateUserAsync("dora"))["id"]!.GetValue<Guid>();
        var agent = await CreateAsync(host, "/api/roles", new { key = "agent", name = "Agent" });
        var lead = await CreateAsync(host, "/api/roles", new { key = "team-lead", name = "Team lead", includedRoleIds = new[] { agent } });
        var team = await CreateAsync(host, "/api/groups", new { key = "hotline", name = "Hotline" });
        (await host.Client.PutAsync($"/api/users/{userId}/groups/{team}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.Client.PutAsync($"/api/groups/{team}/roles/{lead}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.Client.PutAsJsonAsync($"/api/users/{userId}/connectors/sample", new { badge = "4711" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var preview = await (await host.Client.GetAsync($"/api/users/{userId}/connectors/sample/preview")).ReadObjectAsync();

        preview["payload"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["hotline"]);
        preview["payload"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["agent", "team-lead"], ignoreOrder: true);
    }

    [Fact]
    public async Task RemoveUserFromGroup_NotAMember_Returns404()
    {
        await using var host = await TestHost.StartAsync();
        var userId = (await host.CreateUserAsync("erin"))["id"]!.GetValue<Guid>();
        var group = await CreateAsync(host, "/api/groups", new { key = "ops", name = "Ops" });

        var response = await host.Client.DeleteAsync($"/api/users/{userId}/groups/{group}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Preview_UserWithPlainRoleAndNoCompositesAnywhere_ListsTheRole()
    {
        // Regression: expanding roles without any composite in the database used to loop forever.
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var userId = (await host.CreateUserAsync("pia"))["id"]!.GetValue<Guid>();
        var agent = await CreateAsync(host, "/api/roles", new { key = "agent", name = "Agent" });
        (await host.Client.PutAsync($"/api/users/{userId}/roles/{agent}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.Client.PutAsJsonAsync($"/api/users/{userId}/connectors/sample", new { badge = "4712" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var preview = await (await host.Client.GetAsync($"/api/users/{userId}/connectors/sample/preview")).ReadObjectAsync();

        preview["payload"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["agent"]);
    }
}
