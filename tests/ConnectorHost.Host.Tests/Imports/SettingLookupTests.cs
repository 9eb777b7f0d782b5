using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.VendorSync;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>
/// The connectors' uniqueness and "does it exist" checks go through the host's settings lookup
/// (<c>IDirectoryReader.FindUsersBySettingAsync</c>, table SettingLookup kept by triggers) on the real SQLite file:
/// it sees the rows an import wrote before in the same transaction, forgets refused rows and follows changes and deletes.
/// </summary>
public sealed class SettingLookupTests
{
    private const string PbxHeader = "username,firstName,lastName,hosted-pbx.extension,hosted-pbx.forwardingEnabled,hosted-pbx.forwardingDestinations\r\n";

    [Fact]
    public async Task Import_RowTakesTheExtensionOfAnEarlierRow_ErrorNamesTheExtensionAndTheEarlierRowsUser()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();

        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8(PbxHeader
            + "ann,Ann,Lee,301,,\r\n"
            + "bob,Bob,Fox,302,,\r\n"
            + "carl,Carl,Hill,301,,\r\n"), mode: "skip");

        (job.Count("created"), job.Count("skipped")).ShouldBe((2, 1), job.ToJsonString());
        (await bed.Host.Host.ReportAsync(job)).ShouldContain("4,carl,extension,Extension 301 is already used by Ann Lee.");
    }

    [Fact]
    public async Task Import_FailModeRowTakesTheExtensionOfAnEarlierRow_RefusedAndNothingWritten()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();

        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8(PbxHeader + "ann,Ann,Lee,301,,\r\nbob,Bob,Fox,301,,\r\n"), mode: "fail");

        (await bed.Host.Host.ReportAsync(job)).ShouldContain("3,bob,extension,Extension 301 is already used by Ann Lee.");
        (await bed.Host.Host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Import_ForwardingToTheExtensionOfAnEarlierRow_IsAccepted()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();

        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8(PbxHeader
            + "ann,Ann,Lee,301,,\r\n"
            + "bob,Bob,Fox,302,true,301\r\n"
            + "carl,Carl,Hill,303,true,309\r\n"), mode: "skip");

        (job.Count("created"), job.Count("skipped")).ShouldBe((2, 1), job.ToJsonString());
        var report = await bed.Host.Host.ReportAsync(job);
        report.ShouldContain("no user has extension 309 in the PBX.");
        report.ShouldNotContain("no user has extension 301");
    }

    [Fact]
    public async Task Import_ExtensionOfARefusedEarlierRow_IsFreeForALaterRow()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();

        // Row 2's settings are written, then the row is refused for its unknown group: its savepoint is rolled back,
        // and with it what the lookup knew of its extension.
        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,groups,hosted-pbx.extension\r\n"
            + "ann,Ann,Lee,no-such-group,301\r\n"
            + "bob,Bob,Fox,,301\r\n"), mode: "skip");

        (job.Count("created"), job.Count("skipped")).ShouldBe((1, 1), job.ToJsonString());
        var bob = await bed.Host.Host.UserByNameAsync("bob");
        var stored = (await bed.Host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{bob["id"]}/connectors/hosted-pbx"))!;
        stored["settings"]!["extension"]!.GetValue<string>().ShouldBe("301");
    }

    [Fact]
    public async Task Import_ExtensionOfAnExistingUser_StillRefusedWithTheOwnersName()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        await bed.CreatePbxUserAsync("ann", "Ann", "Lee", new JsonObject { ["extension"] = "301" });

        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8(PbxHeader + "bob,Bob,Fox,301,,\r\n"), mode: "skip");

        job.Count("skipped").ShouldBe(1, job.ToJsonString());
        (await bed.Host.Host.ReportAsync(job)).ShouldContain("2,bob,extension,Extension 301 is already used by Ann Lee.");
    }

    [Fact]
    public async Task PutSettings_ExtensionFreedByAChangeOrADelete_CanBeTakenAndTheNewOneIsTaken()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var ann = await bed.CreatePbxUserAsync("ann", "Ann", "Lee", new JsonObject { ["extension"] = "301" });
        var cleo = await bed.CreatePbxUserAsync("cleo", "Cleo", "Ray", new JsonObject { ["extension"] = "303" });
        var bob = await bed.Host.CreateUserAsync("bob", "Bob", "Fox");

        var taken = await bed.Host.Client.PutAsJsonAsync($"/api/users/{bob}/connectors/hosted-pbx", new { extension = "301" });
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await taken.ReadObjectAsync())["errors"]!["extension"]![0]!.GetValue<string>().ShouldBe("Extension 301 is already used by Ann Lee.");

        await bed.Host.PutUserSettingsAsync(ann, new { extension = "302" });
        await bed.Host.PutUserSettingsAsync(bob, new { extension = "301" });
        (await bed.Host.Client.PutAsJsonAsync($"/api/users/{cleo}/connectors/hosted-pbx", new { extension = "302" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await bed.Host.Client.DeleteAsync($"/api/users/{ann}")).EnsureSuccessStatusCode();
        await bed.Host.PutUserSettingsAsync(cleo, new { extension = "302" });
    }

    [Fact]
    public async Task CommPeakUsername_TakenAsSettingOrAsCoreUsernameInAnotherCase_IsAConflict()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        await bed.CreateAgentAsync("ann", new JsonObject { ["roles"] = new JsonArray("1") });
        await bed.CreateAgentAsync("bob", new JsonObject { ["roles"] = new JsonArray("1"), ["username"] = "Bob.Agent" });
        var carl = await bed.Host.CreateUserAsync("carl", "Carl", "Hill");

        // ann has no CommPeak username: her login is her core username.
        foreach (var login in new[] { "ANN", "bob.agent" })
        {
            var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{carl}/connectors/commpeak-dialer", new { roles = new[] { "1" }, username = login });
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, login);
            (await response.ReadObjectAsync())["errors"]!["username"]![0]!.GetValue<string>().ShouldBe($"CommPeak username '{login}' is already used by another user.");
        }
        await bed.Host.PutUserSettingsAsync(carl, new { roles = new[] { "1" }, username = "ann.2" });
    }

    [Fact]
    public async Task Migrations_AfterTheLast_LookupTriggersExist()
    {
        await using var host = await TestHost.StartAsync();
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'UserConnectorSettings' ORDER BY name";
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        // A migration that rebuilds UserConnectorSettings drops them; it must run SettingLookupSql.Create again.
        names.ShouldBe(["UserConnectorSettings_lookup_delete", "UserConnectorSettings_lookup_insert", "UserConnectorSettings_lookup_update"]);
    }

    private const string ConnectelHeader = "username,firstName,lastName,email,connectel.role,connectel.password\r\n";

    // Connectel's auto-assigned number and its login suggestion read the values in use from the index
    // (ListSettingValuesAsync, FindUsersBySettingAsync): a later row of the same import sees the earlier rows' values.
    [Fact]
    public async Task Import_ConnectelRowsWithoutNumberOrLogin_NumbersAndLoginsFreeOfEarlierRows()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var first = await bed.Host.CreateUserAsync("anna.first", "Anna", "Meyer");
        await bed.Host.PutUserSettingsAsync(first, new { role = "Admin", password = "Start-Pass1!" });

        var job = await bed.Host.Host.ImportAsync(ImportTestBed.Utf8(ConnectelHeader
            + "anna.second,Anna,Meyer,anna2@example.com,Admin,Start-Pass1!\r\n"
            + "anna.third,Anna,Meyer,anna3@example.com,Admin,Start-Pass1!\r\n"), mode: "fail");

        job.Count("created").ShouldBe(2, await bed.Host.Host.ReportAsync(job));
        var stored = new List<(string Login, string Number)>();
        foreach (var username in new[] { "anna.first", "anna.second", "anna.third" })
        {
            var settings = await bed.SettingsAsync((await bed.Host.Host.UserByNameAsync(username))["id"]!.GetValue<Guid>());
            stored.Add((settings["username"]!.GetValue<string>(), settings["internalNumber"]!.GetValue<string>()));
        }
        stored.ShouldBe([("anna.meyer", "3000"), ("anna.meyer2", "3001"), ("anna.meyer3", "3002")]);
    }

    [Fact]
    public async Task PutConnectelSettings_PickupGroups_WarnedOnlyWhenNoOtherUsersCallGroupMatches()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var caller = await bed.Host.CreateUserAsync("cal", "Cal", "Ler");
        await bed.Host.PutUserSettingsAsync(caller, new { role = "Admin", password = "Start-Pass1!", callGroups = "2,5-6" });
        var picker = await bed.Host.CreateUserAsync("pia", "Pia", "Cker");

        var matching = await (await bed.PutSettingsAsync(picker, new { role = "Admin", password = "Start-Pass1!", pickupGroups = "6" })).ReadObjectAsync();
        var unmatched = await (await bed.PutSettingsAsync(picker, new { role = "Admin", pickupGroups = "7" })).ReadObjectAsync();

        matching["warnings"]!.AsArray().ShouldBeEmpty(matching.ToJsonString());
        unmatched["warnings"]!.AsArray().ShouldHaveSingleItem()!["code"]!.GetValue<string>().ShouldBe("no_pickup_match");
    }
}
