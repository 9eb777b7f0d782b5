using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>
/// Files of core columns only, long enough to span several batches (1,000 rows each), so new users go in through the
/// batch path: one save per batch, checked with CreateUser's own validators, audited and synced like single creates.
/// </summary>
public sealed class ImportBatchTests
{
    private const string Header = "username,firstName,lastName,email,enabled\r\n";

    private static string Rows(int from, int to, Func<int, string>? name = null)
    {
        var text = new StringBuilder();
        for (var i = from; i <= to; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name?.Invoke(i) ?? $"bulk{i:D4}"},First{i},Last{i},bulk{i:D4}@example.com,{(i % 10 == 0 ? "false" : "true")}\r\n");
        }
        return text.ToString();
    }

    /// <summary>Row counts and version sums of what an import writes, plus the audit and outbox rows: equal means nothing changed.</summary>
    private static async Task<string> FingerprintAsync(TestHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) || ':' || IFNULL(SUM(Version), 0) || ':' || IFNULL(MAX(UpdatedAt), '') FROM Users",
            "SELECT COUNT(*) FROM SyncJobs",
            "SELECT COUNT(*) FROM AuditEntries WHERE EntityType <> 'ImportJob'",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            parts.Add(Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!);
        }
        return string.Join(" ", parts);
    }

    private static async Task<long> ScalarAsync(TestHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Import_FailModeBadLastRowAfterSeveralBatches_LeavesTheDatabaseUnchanged()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        await host.ImportAsync(ImportTestBed.Utf8(Header + Rows(1, 10)));
        var before = await FingerprintAsync(host);

        var job = await host.ImportAsync(ImportTestBed.Utf8(Header + Rows(11, 2500) + "late,Late,Row,not-an-email,true\r\n"), mode: "fail");

        job["state"]!.GetValue<string>().ShouldBe("failed", job.ToJsonString());
        (job.Count("created"), job.Count("skipped")).ShouldBe((0, 1));
        (await FingerprintAsync(host)).ShouldBe(before);
        (await host.ReportAsync(job)).ShouldContain("2492,late,email,");
    }

    [Fact]
    public async Task Import_SkipModeAcrossBatches_CreatesEveryGoodUserWithItsAuditEntryAndReportsRepeatsAndTakenNames()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        (await host.Client.PostAsJsonAsync("/api/users", new { username = "bulk0700", firstName = "Taken", lastName = "Before" })).EnsureSuccessStatusCode();

        // Row 2,302 repeats row 2's username in a later batch; row 701 names the user created through the API.
        var job = await host.ImportAsync(ImportTestBed.Utf8(Header + Rows(1, 2300) + "BULK0001,Again,Later,again@example.com,true\r\n"), mode: "skip");

        (job.Count("created"), job.Count("skipped"), job.Count("rowsDone")).ShouldBe((2299, 2, 2301), job.ToJsonString());
        var report = await host.ReportAsync(job);
        report.ShouldContain("701,bulk0700,username,User 'bulk0700' exists already");
        report.ShouldContain("2302,BULK0001,username,Username 'BULK0001' is already in row 2 of this file.");
        var user = await host.UserByNameAsync("bulk1500");
        (user["firstName"]!.GetValue<string>(), user["displayName"]!.GetValue<string>(), user["enabled"]!.GetValue<bool>()).ShouldBe(("First1500", "First1500 Last1500", false));
        var jobId = job["id"]!.GetValue<string>();
        (await ScalarAsync(host, $"SELECT COUNT(*) FROM AuditEntries WHERE EntityType = 'User' AND Action = 'created' AND Actor LIKE '%(import {jobId})'"))
            .ShouldBe(2299, "one audit entry per created user, naming the job");
    }

    [Fact]
    public async Task Import_OverwriteRerunOfALargeFile_ChangesNothing()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var file = ImportTestBed.Utf8(Header + Rows(1, 1500));
        await host.ImportAsync(file, mode: "fail");
        var before = await FingerprintAsync(host);

        var job = await host.ImportAsync(file, mode: "overwrite");

        (job.Count("unchanged"), job.Count("updated"), job.Count("created")).ShouldBe((1500, 0, 0), job.ToJsonString());
        (await FingerprintAsync(host)).ShouldBe(before);
    }

    [Fact]
    public async Task Import_CoreRowsThenConnectorRowInOneBatch_ConnectorCheckSeesTheRowsAbove()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);

        // Row 3 goes through the use cases one by one: the batch's new user above it must be saved first, or the
        // sample connector's badge check could not see row 2's badge in row 4.
        var job = await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,sample.badge\r\n"
            + "plain1,Plain,One,\r\n"
            + "badge1,Badge,One,5001\r\n"
            + "plain2,Plain,Two,\r\n"
            + "badge2,Badge,Two,5001\r\n"), mode: "skip");

        (job.Count("created"), job.Count("skipped")).ShouldBe((3, 1), job.ToJsonString());
        (await host.ReportAsync(job)).ShouldContain("5,badge2,sample.badge,Badge number 5001 is already used by badge1.");
        (await host.UserByNameAsync("plain2"))["lastName"]!.GetValue<string>().ShouldBe("Two");
    }
}
