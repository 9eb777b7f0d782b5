using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.Cli;
using ConnectorHost.Host.Tests.Sync;
using ConnectorHost.Testing;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>
/// The real host as a child process, SIGKILLed during a 1,500-row import through the API (every row with groups, a
/// role and connector settings, so it runs through the use cases one by one and spans several batches), then restarted
/// on the same database: no user is half-written and the job either resumed to the end or failed with nothing
/// half-written. Waits are capped polls; nothing asserts a time.
/// </summary>
public sealed class ImportCrashRecoveryTests : IAsyncLifetime
{
    private const int Rows = 1_500;
    private const int CliRows = 1_500;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connectorhost-import-crash", Guid.NewGuid().ToString("N"));
    private FakeDirectoryVendor _vendor = null!;
    private Process? _host;

    private string Database => Path.Combine(_directory, "host.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _vendor = await FakeDirectoryVendor.StartAsync();
    }

    [Fact]
    public async Task Import_SkipModeHostKilledMidImport_RestartLeavesEveryUserWholeAndJobConsistent()
    {
        var (client, port) = await StartFreshHostAsync();
        var job = await StartImportAsync(client, "skip");
        await KillMidImportAsync(client, job);

        _host = await StartHostAsync(port, client);
        var finished = await WaitForEndAsync(client, job);

        var state = finished["state"]!.GetValue<string>();
        state.ShouldBeOneOf("succeeded", "failed");
        var usernames = await UsernamesAsync();
        usernames.Count.ShouldBe(usernames.Distinct().Count(), "no user may be imported twice");
        if (state == "succeeded")
        {
            usernames.Count.ShouldBe(Rows);
            finished["created"]!.GetValue<int>().ShouldBe(Rows);
            finished["skipped"]!.GetValue<int>().ShouldBe(0);
            finished["rowsDone"]!.GetValue<int>().ShouldBe(Rows);
        }
        else
        {
            finished["created"]!.GetValue<int>().ShouldBe(usernames.Count, "a failed job's counts name the users it left");
        }
        await AssertEveryUserWholeAsync(job, usernames.Count);
    }

    [Fact]
    public async Task Import_FailModeHostKilledMidImport_RestartLeavesNothingOrEverything()
    {
        var (client, port) = await StartFreshHostAsync();
        var job = await StartImportAsync(client, "fail");
        await KillMidImportAsync(client, job);
        // All or nothing: at the kill the open transaction had written no user the database keeps.
        (await UsernamesAsync()).ShouldBeEmpty();

        _host = await StartHostAsync(port, client);
        var finished = await WaitForEndAsync(client, job);

        var state = finished["state"]!.GetValue<string>();
        state.ShouldBeOneOf("succeeded", "failed");
        var usernames = await UsernamesAsync();
        if (state == "succeeded")
        {
            usernames.Count.ShouldBe(Rows);
            usernames.Distinct().Count().ShouldBe(Rows);
            finished["created"]!.GetValue<int>().ShouldBe(Rows);
            await AssertEveryUserWholeAsync(job, Rows);
        }
        else
        {
            usernames.ShouldBeEmpty("a failed all-or-nothing import leaves no user");
            finished["created"]!.GetValue<int>().ShouldBe(0);
        }
    }

    [Fact]
    public async Task Import_ServerStartedWhileCliImportRuns_ServerLeavesTheCliJobAlone()
    {
        var port = HostProcess.FreePort();
        var client = TestHost.Authorize(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        // The first start migrates the database and creates the groups, roles and plugin the file refers to.
        _host = await StartHostAsync(port, client);
        await CreateGroupsAndRolesAsync(client);
        _host.Kill(entireProcessTree: true);
        await _host.WaitForExitAsync();

        var file = Path.Combine(_directory, "users.csv");
        await File.WriteAllBytesAsync(file, UserFile(CliRows));
        using var cli = Process.Start(HostStart("users", "import", file, "--mode", "skip", "--database", $"Data Source={Database}", "--plugins", await PluginsFileAsync()))!;
        var cliOutput = cli.StandardOutput.ReadToEndAsync();
        var cliError = cli.StandardError.ReadToEndAsync();
        await SyncTestBed.EventuallyAsync(async () => await ScalarAsync("SELECT coalesce(max(RowsDone), 0) FROM ImportJobs WHERE State = 'running'") > 0,
            "the CLI import committed its first batch", 900);

        try
        {
            _host = await StartHostAsync(port, client);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            await cli.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!cli.HasExited)
            {
                cli.Kill(entireProcessTree: true);
            }
        }

        var output = $"{await cliOutput}\n{await cliError}";
        cli.ExitCode.ShouldBe(0, output);
        (await ScalarAsync("SELECT Attempts FROM ImportJobs")).ShouldBe(1, "only the CLI ran the job");
        (await ScalarAsync("SELECT Created FROM ImportJobs")).ShouldBe(CliRows);
        (await ScalarAsync("SELECT Skipped FROM ImportJobs")).ShouldBe(0);
        (await ScalarAsync("SELECT count(*) FROM ImportRowResults")).ShouldBe(0, "no row was reported as a clash with itself");
        (await UsernamesAsync()).Count.ShouldBe(CliRows);
    }

    private async Task<(HttpClient Client, int Port)> StartFreshHostAsync()
    {
        var port = HostProcess.FreePort();
        var client = TestHost.Authorize(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        _host = await StartHostAsync(port, client);
        await CreateGroupsAndRolesAsync(client);
        return (client, port);
    }

    private static async Task CreateGroupsAndRolesAsync(HttpClient client)
    {
        (await client.PostAsJsonAsync("/api/groups", new { key = "sales", name = "Sales" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/groups", new { key = "support", name = "Support" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/roles", new { key = "agent", name = "Agent" })).EnsureSuccessStatusCode();
    }

    /// <summary>Every row names two groups, a role and a connector setting, so a half-written user misses one of them.</summary>
    private static byte[] UserFile(int rows = Rows)
    {
        var csv = new StringBuilder("username,firstName,lastName,email,extension,language,timeZone,enabled,groups,roles,sample.badge\r\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"kill{i:D5},First{i},Last{i},kill{i:D5}@example.com,{20000 + i},de-DE,Europe/Berlin,true,sales|support,agent,{100000 + i}\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<string> StartImportAsync(HttpClient client, string mode)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(UserFile()), "file", "users.csv" },
            { new StringContent(mode), "mode" },
        };
        var response = await client.PostAsync("/api/imports", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return response.Headers.Location!.ToString();
    }

    private async Task KillMidImportAsync(HttpClient client, string job)
    {
        await SyncTestBed.EventuallyAsync(async () => (await JobAsync(client, job))["rowsDone"]!.GetValue<int>() > 0, "the import under way", 900);
        _host!.Kill(entireProcessTree: true);
        await _host.WaitForExitAsync();
        var state = await TextAsync("SELECT State FROM ImportJobs");
        state.ShouldBe("running", "the kill must land while the import runs");
    }

    private static async Task<JsonObject> JobAsync(HttpClient client, string job) => await (await client.GetAsync(job)).ReadObjectAsync();

    /// <summary>
    /// Waits (capped) until the database says the job ended, then reads it through the API. Polling the API alone
    /// proved fragile right after a restart; the database is the truth the API must then agree with.
    /// </summary>
    private async Task<JsonObject> WaitForEndAsync(HttpClient client, string job)
    {
        string? ended = null;
        await SyncTestBed.EventuallyAsync(async () =>
        {
            ended = await TextAsync("SELECT State FROM ImportJobs");
            return ended is not ("queued" or "running");
        }, "the job ended after the restart", 1200);
        JsonObject? last = null;
        await SyncTestBed.EventuallyAsync(async () =>
        {
            var response = await client.GetAsync(job);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            last = await response.ReadObjectAsync();
            return last["state"] is not null;
        }, "the API answers with the job", 60);
        last!["state"]!.GetValue<string>().ShouldBe(ended, last.ToJsonString());
        return last;
    }

    /// <summary>Each imported user has every column, both groups, the role, its badge and its audit entry.</summary>
    private async Task AssertEveryUserWholeAsync(string job, int expected)
    {
        var jobId = job[(job.LastIndexOf('/') + 1)..];
        (await ScalarAsync(@"SELECT count(*) FROM Users u WHERE
              u.FirstName = 'First' || cast(substr(u.Username, 5) AS INTEGER) AND u.LastName = 'Last' || cast(substr(u.Username, 5) AS INTEGER)
              AND u.Email = u.Username || '@example.com' AND u.Extension = cast(20000 + cast(substr(u.Username, 5) AS INTEGER) AS TEXT)
              AND u.Language = 'de-DE' AND u.TimeZone = 'Europe/Berlin' AND u.Enabled = 1")).ShouldBe(expected, "every column written");
        (await ScalarAsync("SELECT count(*) FROM Users u WHERE (SELECT count(*) FROM UserGroups g WHERE g.UserId = u.Id) = 2")).ShouldBe(expected, "both groups");
        (await ScalarAsync("SELECT count(*) FROM Users u WHERE (SELECT count(*) FROM UserRoles r WHERE r.UserId = u.Id) = 1")).ShouldBe(expected, "the role");
        (await ScalarAsync(@"SELECT count(*) FROM Users u JOIN UserConnectorSettings s ON s.UserId = u.Id AND s.ConnectorId = 'sample'
              WHERE s.Json LIKE '%""' || cast(100000 + cast(substr(u.Username, 5) AS INTEGER) AS TEXT) || '""%'")).ShouldBe(expected, "the badge");
        (await ScalarAsync($@"SELECT count(*) FROM Users u WHERE EXISTS (SELECT 1 FROM AuditEntries a WHERE a.EntityType = 'User'
              AND upper(a.EntityId) = upper(u.Id) AND a.Actor LIKE '%(import {jobId})')")).ShouldBe(expected, "each user's audit entry names the import");
        (await ScalarAsync($"SELECT count(*) FROM AuditEntries WHERE EntityType = 'ImportJob' AND upper(EntityId) = upper('{jobId}')")).ShouldBe(1, "one audit entry for the job");
    }

    private async Task<List<string>> UsernamesAsync()
    {
        await using var db = await OpenAsync();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT Username FROM Users";
        var names = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await QueryAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string?> TextAsync(string sql) => (string?)await QueryAsync(sql);

    private async Task<object?> QueryAsync(string sql)
    {
        await using var db = await OpenAsync();
        using var query = db.CreateCommand();
        query.CommandText = sql;
        return await query.ExecuteScalarAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var db = new SqliteConnection($"Data Source={Database};Pooling=False;Default Timeout=30");
        await db.OpenAsync();
        return db;
    }

    private async Task<string> PluginsFileAsync()
    {
        var pluginsFile = Path.Combine(_directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject
        {
            ["vendorUrl"] = _vendor.BaseAddress.ToString(),
            ["apiKey"] = FakeDirectoryVendor.ApiKey,
        })).ToJsonString());
        return pluginsFile;
    }

    private static ProcessStartInfo HostStart(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                // Delivery to the vendor is not under test; a slow poll keeps the two cores for the import.
                ["Sync__PollInterval"] = "00:01:00",
                ["Logging__LogLevel__Default"] = "Warning",
                [TestHost.BootstrapKeyVariable] = TestHost.BootstrapApiKey,
            },
        };
        start.ArgumentList.Add(RepoPaths.HostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    private async Task<Process> StartHostAsync(int port, HttpClient client)
    {
        return await HostProcess.StartServingAsync(HostStart("serve", "--urls", $"http://127.0.0.1:{port}", "--database", $"Data Source={Database}", "--plugins", await PluginsFileAsync()), client);
    }

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }
        await _vendor.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp leftovers never fail a test.
        }
    }
}
