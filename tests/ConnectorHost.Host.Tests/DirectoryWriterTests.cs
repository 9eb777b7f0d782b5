using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

/// <summary>A plugin action writing the core through <c>IDirectoryWriter</c>, through the real host with the sample connector.</summary>
public sealed class DirectoryWriterTests
{
    [Fact]
    public async Task Action_FullDraftMembershipRolesAndGroupSettings_WrittenAndAuditedLikeTheApi()
    {
        await using var host = await TestHost.StartAsync();
        var (group, role) = await GroupAndRoleAsync(host);

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/directory-write", Input(group, role, renameTo: "dora.w"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var userId = (await response.ReadObjectAsync())["userId"]!.GetValue<Guid>();
        var user = await (await host.Client.GetAsync($"/api/users/{userId}")).ReadObjectAsync();
        user["username"]!.GetValue<string>().ShouldBe("dora.w");
        user["language"]!.GetValue<string>().ShouldBe("de-DE");
        user["timeZone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        user["enabled"]!.GetValue<bool>().ShouldBeFalse();
        user["phoneNumbers"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["+4930123456"]);
        var preview = await (await host.Client.GetAsync($"/api/users/{userId}/connectors/sample/preview")).ReadObjectAsync();
        preview["payload"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["writers"]);
        preview["payload"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["editor"]);
        var groupSettings = await (await host.Client.GetAsync($"/api/groups/{group}/connectors/sample")).ReadObjectAsync();
        groupSettings["settings"]!["costCenter"]!.GetValue<string>().ShouldBe("CC-7");
        var audit = await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=UserGroup");
        audit!["items"]!.AsArray().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Action_RefusedAfterWriting_NothingOfItKept()
    {
        await using var host = await TestHost.StartAsync();
        var (group, role) = await GroupAndRoleAsync(host);

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/directory-write", Input(group, role, fail: true));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await host.CountAsync("/api/users")).ShouldBe(0);
        (await (await host.Client.GetAsync($"/api/groups/{group}/connectors/sample")).ReadObjectAsync())["version"]!.GetValue<int>().ShouldBe(0);
        (await (await host.Client.GetAsync($"/api/groups/{group}")).ReadObjectAsync())["roleIds"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Action_InvalidGroupSettings_400NamingFieldAndNothingKept()
    {
        await using var host = await TestHost.StartAsync();
        var (group, role) = await GroupAndRoleAsync(host);
        var input = Input(group, role);
        input["costCenter"] = "";

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/directory-write", input);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["costCenter"].ShouldNotBeNull();
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Action_UnknownTimeZone_400NamingFieldAndNothingKept()
    {
        await using var host = await TestHost.StartAsync();
        var (group, role) = await GroupAndRoleAsync(host);
        var input = Input(group, role);
        input["timeZone"] = "Mars/Olympus";

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/directory-write", input);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldContain(k => k.Contains("timeZone", StringComparison.OrdinalIgnoreCase));
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Import_RefusedRowSkipped_LeavesNoUserNoAuditNoNotification()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/import", new
        {
            skipRefused = true,
            // The ghost is created, then its badge (kept1's) is refused by the connector: the row is rolled back.
            users = new[] { "kept1:100", "ghost:100", "kept2:102" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadObjectAsync())["imported"]!.GetValue<int>().ShouldBe(2);
        (await host.CountAsync("/api/users")).ShouldBe(2);
        var audit = await host.Client.GetStringAsync("/api/audit?entityType=User");
        audit.ShouldNotContain("ghost");
        // The refused row's "user created" notification was rolled back with it: plugins never heard of the ghost.
        var seen = await (await host.Client.GetAsync("/api/connectors/sample/actions/seen")).ReadObjectAsync();
        seen.Select(s => s.Key).ShouldBe(["kept1", "kept2"], ignoreOrder: true);
    }

    private static JsonObject Input(Guid group, Guid role, bool fail = false, string? renameTo = null)
    {
        var input = new JsonObject
        {
            ["username"] = "dora",
            ["language"] = "de-DE",
            ["timeZone"] = "Europe/Berlin",
            ["enabled"] = false,
            ["phones"] = new JsonArray("+4930123456"),
            ["badge"] = "3141",
            ["groupId"] = group.ToString(),
            ["roleId"] = role.ToString(),
            ["costCenter"] = "CC-7",
            ["fail"] = fail,
        };
        if (renameTo is not null)
        {
            input["renameTo"] = renameTo;
        }
        return input;
    }

    private static async Task<(Guid Group, Guid Role)> GroupAndRoleAsync(TestHost host)
    {
        var group = await host.Client.PostAsJsonAsync("/api/groups", new { key = "writers", name = "Writers" });
        var role = await host.Client.PostAsJsonAsync("/api/roles", new { key = "editor", name = "Editor" });
        return ((await group.ReadObjectAsync())["id"]!.GetValue<Guid>(), (await role.ReadObjectAsync())["id"]!.GetValue<Guid>());
    }
}
