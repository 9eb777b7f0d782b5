using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Host.Tests;

/// <summary>
/// User search through the API on the full-text index (FTS5 table kept in step by triggers): what an admin
/// types must find the user however it is accented or cased, and a changed or deleted user must not linger.
/// </summary>
public sealed class UserSearchTests
{
    [Fact]
    public async Task Search_WithoutDiacriticsOrInOtherCase_FindsUserWithUmlaut()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync("jmueller", "Jürgen", "Müller", "j.mueller@corp.example");
        await host.CreateUserAsync("anna", "Anna", "Mull", "anna@corp.example");

        (await UsernamesAsync(host, "muller")).ShouldBe(["jmueller"]);
        (await UsernamesAsync(host, "MÜLLER")).ShouldBe(["jmueller"]);
        (await UsernamesAsync(host, "jurg")).ShouldBe(["jmueller"]);
        (await UsernamesAsync(host, "mul")).ShouldBe(["anna", "jmueller"]);
    }

    [Fact]
    public async Task Search_EmailPartAndExtension_FindTheUser_ShortTermsToo()
    {
        await using var host = await TestHost.StartAsync();
        await CreateAsync(host, "kim", "kim.lo@sales.example", "4711");
        await CreateAsync(host, "ola", "ola@support.example", "5200");

        (await UsernamesAsync(host, "sales.exa")).ShouldBe(["kim"]);
        (await UsernamesAsync(host, "471")).ShouldBe(["kim"]);
        (await UsernamesAsync(host, "20")).ShouldBe(["ola"]);
        (await UsernamesAsync(host, "la")).ShouldBe(["ola"]);
        (await UsernamesAsync(host, "nobody-here")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_UserRenamedUpdatedOrDeleted_OldValuesNoLongerFound()
    {
        await using var host = await TestHost.StartAsync();
        var renamed = (await host.CreateUserAsync("oldlogin", "Petra", "Alt"))["id"]!.GetValue<Guid>();
        var updated = (await host.CreateUserAsync("tom", "Tom", "Schmidtke"))["id"]!.GetValue<Guid>();
        var deleted = (await host.CreateUserAsync("gone", "Gina", "Weggang"))["id"]!.GetValue<Guid>();

        (await host.Client.PostAsJsonAsync($"/api/users/{renamed}/rename", new { username = "newlogin" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/users/{updated}", new { firstName = "Tom", lastName = "Berger" })).EnsureSuccessStatusCode();
        (await host.Client.DeleteAsync($"/api/users/{deleted}")).EnsureSuccessStatusCode();

        (await UsernamesAsync(host, "oldlogin")).ShouldBeEmpty();
        (await UsernamesAsync(host, "newlog")).ShouldBe(["newlogin"]);
        (await UsernamesAsync(host, "schmidt")).ShouldBeEmpty();
        (await UsernamesAsync(host, "berger")).ShouldBe(["tom"]);
        (await UsernamesAsync(host, "weggang")).ShouldBeEmpty();
        (await UsernamesAsync(host, "gina")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_QuotesAndOperatorsInTerm_TreatedAsText()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync("quoted", "Ann \"AJ\"", "O'Neil OR Not");

        (await UsernamesAsync(host, "\"AJ\"")).ShouldBe(["quoted"]);
        (await UsernamesAsync(host, "o'neil or")).ShouldBe(["quoted"]);
        (await UsernamesAsync(host, "AND NOT*")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_MoreMatchesThanAPage_TotalCountsEveryMatchOnly()
    {
        await using var host = await TestHost.StartAsync();
        foreach (var name in new[] { "Weber", "Weberling", "Webermann" })
        {
            await host.CreateUserAsync(name.ToLowerInvariant(), "Test", name);
        }
        await host.CreateUserAsync("other", "Test", "Becker");
        (await host.Client.DeleteAsync($"/api/users/{(await host.CreateUserAsync("deleted", "Test", "Weberin"))["id"]}")).EnsureSuccessStatusCode();

        var page = await host.Client.GetFromJsonAsync<JsonObject>("/api/users?search=weber&pageSize=2&sort=-username");

        page!["totalCount"]!.GetValue<int>().ShouldBe(3, "the total counts the index's matches: deleted users are gone from it");
        page["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ShouldBe(["webermann", "weberling"]);
    }

    [Fact]
    public async Task Migrate_AllMigrationsApplied_SearchTriggersAndIndexExist()
    {
        await using var host = await TestHost.StartAsync();

        // An EF table rebuild of Users in a later migration drops these triggers silently; search would go stale.
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE (type = 'trigger' AND tbl_name = 'Users') OR (type = 'table' AND name = 'UserSearch') ORDER BY name";
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        names.ShouldBe(["UserSearch", "Users_search_delete", "Users_search_insert", "Users_search_update"]);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task CreateAsync(TestHost host, string username, string email, string extension) =>
        (await host.Client.PostAsJsonAsync("/api/users", new { username, firstName = "Test", lastName = "User", email, extension })).EnsureSuccessStatusCode();

    private static async Task<List<string>> UsernamesAsync(TestHost host, string search)
    {
        var page = await host.Client.GetFromJsonAsync<JsonObject>($"/api/users?search={Uri.EscapeDataString(search)}&sort=username");
        return page!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ToList();
    }
}
