using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>fail / skip / overwrite and dry runs, checked against the database file itself.</summary>
public sealed class ImportModesTests
{
    private const string Header = "username,firstName,lastName,email,phoneNumbers,enabled,groups,sample.badge,sample.team\r\n";

    private static byte[] Rows(int count, string? lastRow = null)
    {
        var text = new System.Text.StringBuilder(Header);
        for (var i = 1; i <= count; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"user{i},First{i},Last{i},user{i}@example.com,030 1234{i:000},true,sales,{1000 + i},red\r\n");
        }
        if (lastRow is not null)
        {
            text.Append(lastRow).Append("\r\n");
        }
        return ImportTestBed.Utf8(text.ToString());
    }

    private static async Task<TestHost> StartWithGroupAsync()
    {
        var host = await TestHost.StartAsync(runSyncWorker: false);
        (await host.Client.PostAsJsonAsync("/api/groups", new { key = "sales", name = "Sales" })).EnsureSuccessStatusCode();
        return host;
    }

    /// <summary>Row counts and the sum of versions of every table an import writes: equal means nothing changed.</summary>
    private static async Task<string> FingerprintAsync(TestHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) || ':' || IFNULL(SUM(Version), 0) FROM Users",
            "SELECT COUNT(*) || ':' || IFNULL(SUM(Version), 0) FROM UserConnectorSettings",
            "SELECT COUNT(*) FROM UserGroups",
            "SELECT COUNT(*) FROM SyncJobs",
            "SELECT COUNT(*) FROM AuditEntries WHERE EntityType <> 'ImportJob'",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            parts.Add(Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return string.Join(" ", parts);
    }

    [Fact]
    public async Task Import_FailModeWithBadLastRow_LeavesTheDatabaseUnchangedAndReportsTheRow()
    {
        await using var host = await StartWithGroupAsync();
        await host.ImportAsync(Rows(3));
        var before = await FingerprintAsync(host);

        var job = await host.ImportAsync(Rows(0, "late,Late,Row,late@example.com,,true,sales,12,red"), mode: "fail");
        var second = await host.ImportAsync(ImportTestBed.Utf8(Header + "new1,New,One,,,true,sales,2001,red\r\nnew2,New,Two,,,true,sales,2002,red\r\nbad,Bad,Row,,,true,sales,12,purple\r\n"), mode: "fail");

        job["state"]!.GetValue<string>().ShouldBe("failed");
        second["state"]!.GetValue<string>().ShouldBe("failed");
        second.Count("created").ShouldBe(0);
        second.Count("skipped").ShouldBe(1);
        (await FingerprintAsync(host)).ShouldBe(before);
        var report = await host.ReportAsync(second);
        report.ShouldContain("4,bad,sample.badge,");
        report.ShouldContain("4,bad,sample.team,");
    }

    [Fact]
    public async Task Import_SkipMode_ImportsGoodRowsAndReportsBadOnesWithRowAndColumn()
    {
        await using var host = await StartWithGroupAsync();

        var job = await host.ImportAsync(ImportTestBed.Utf8(Header
            + "ok1,Ok,One,,,true,sales,3001,blue\r\n"
            + "badmail,Bad,Mail,not-an-email,,true,,3002,red\r\n"
            + "badgroup,Bad,Group,,,true,nosuchgroup,3003,red\r\n"
            + "clash,Badge,Clash,,,true,,3001,red\r\n"
            + "ok2,Ok,Two,,,no,,3005,\r\n"), mode: "skip");

        job["state"]!.GetValue<string>().ShouldBe("succeeded");
        (job.Count("created"), job.Count("skipped")).ShouldBe((2, 3));
        var report = await host.ReportAsync(job);
        report.ShouldContain("3,badmail,email,");
        report.ShouldContain("4,badgroup,groups,Group 'nosuchgroup' does not exist.");
        report.ShouldContain("5,clash,sample.badge,Badge number 3001 is already used by ok1.");
        var ok1 = await host.UserByNameAsync("ok1");
        ok1["groupIds"]!.AsArray().Count.ShouldBe(1);
        ok1["connectorIds"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["sample"]);
        (await host.UserByNameAsync("ok2"))["enabled"]!.GetValue<bool>().ShouldBeFalse();
        (await host.CountAsync("/api/users")).ShouldBe(2);
    }

    [Fact]
    public async Task Import_OverwriteRerunOfTheSameFile_ChangesNothingAndQueuesNoSyncJob()
    {
        await using var host = await StartWithGroupAsync();
        await host.ImportAsync(Rows(5), mode: "fail");
        var before = await FingerprintAsync(host);

        var job = await host.ImportAsync(Rows(5), mode: "overwrite");

        (job.Count("unchanged"), job.Count("updated"), job.Count("created")).ShouldBe((5, 0, 0), job.ToJsonString());
        (await FingerprintAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_OverwriteWithChangedCells_UpdatesOnlyThoseUsers()
    {
        await using var host = await StartWithGroupAsync();
        await host.ImportAsync(Rows(3));

        var job = await host.ImportAsync(ImportTestBed.Utf8(Header
            + "user1,First1,Last1,user1@example.com,030 1234001,true,sales,1001,red\r\n"
            + "user2,Renamed,Last2,user2@example.com,030 1234002,true,sales,1002,blue\r\n"
            + "user4,New,Four,,,true,,1004,red\r\n"), mode: "overwrite");

        (job.Count("unchanged"), job.Count("updated"), job.Count("created")).ShouldBe((1, 1, 1), job.ToJsonString());
        var user2 = await host.UserByNameAsync("user2");
        user2["firstName"]!.GetValue<string>().ShouldBe("Renamed");
        user2["version"]!.GetValue<int>().ShouldBe(2);
        (await host.UserByNameAsync("user1"))["version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Import_DryRun_ReportsWhatWouldHappenAndWritesNothing()
    {
        await using var host = await StartWithGroupAsync();
        await host.ImportAsync(Rows(2));
        var before = await FingerprintAsync(host);

        var job = await host.ImportAsync(ImportTestBed.Utf8(Header
            + "user1,First1,Last1,user1@example.com,030 1234001,true,sales,1001,red\r\n"
            + "user2,Changed,Last2,user2@example.com,030 1234002,true,sales,1002,red\r\n"
            + "user3,New,Three,,,true,,1003,red\r\n"
            + "user4,Bad,Four,,,maybe,,1004,red\r\n"), mode: "overwrite", dryRun: true);

        job["state"]!.GetValue<string>().ShouldBe("succeeded");
        (job.Count("unchanged"), job.Count("updated"), job.Count("created"), job.Count("skipped")).ShouldBe((1, 1, 1, 1), job.ToJsonString());
        (await host.ReportAsync(job)).ShouldContain("5,user4,enabled,'maybe' must be true or false");
        (await FingerprintAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_ExistingUsernameInFailMode_ImportsNothingAndNamesTheUser()
    {
        await using var host = await StartWithGroupAsync();
        await host.CreateUserAsync("alice");

        var job = await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName\r\nbob,Bob,B\r\nALICE,Alice,A\r\n"));

        job["state"]!.GetValue<string>().ShouldBe("failed");
        (await host.ReportAsync(job)).ShouldContain("3,ALICE,username,User 'alice' exists already; import with mode 'overwrite' to update it.");
        (await host.CountAsync("/api/users")).ShouldBe(1);
    }

    [Fact]
    public async Task ExportThenImport_CoreFormat_ImportsBackUnchanged()
    {
        await using var host = await StartWithGroupAsync();
        await host.ImportAsync(Rows(4));
        var before = await FingerprintAsync(host);
        var export = await host.Client.GetByteArrayAsync("/api/users/export");

        var job = await host.ImportAsync(export, "export.csv", mode: "overwrite");

        (job.Count("unchanged"), job.Count("skipped")).ShouldBe((4, 0), (await host.ReportAsync(job)) + job.ToJsonString());
        (await FingerprintAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_PerUserAuditNamesTheJobAndTheJobIsAuditedOnce()
    {
        await using var host = await StartWithGroupAsync();

        var job = await host.ImportAsync(Rows(2));

        var audit = (await host.Client.GetFromJsonAsync<JsonObject>("/api/audit?pageSize=200"))!["items"]!.AsArray();
        audit.Count(a => a!["entityType"]!.GetValue<string>() == "ImportJob" && a["entityId"]!.GetValue<string>() == job["id"]!.GetValue<string>()).ShouldBe(1);
        audit.Where(a => a!["entityType"]!.GetValue<string>() == "User").Select(a => a!["actor"]!.GetValue<string>())
            .ShouldAllBe(actor => actor.Contains($"import {job["id"]}"));
    }
}
