using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.Cli;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.Sync;

/// <summary>
/// The real host as a child process, SIGKILLed while it delivers a few thousand changes, then restarted on the
/// same database: every change must reach the vendor exactly once in effect (none lost, no duplicate users).
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Users = 800;
    private const int Updates = 400;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connectorhost-crash", Guid.NewGuid().ToString("N"));
    private FakeDirectoryVendor _vendor = null!;
    private Process? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _vendor = await FakeDirectoryVendor.StartAsync();
    }

    [Fact]
    public async Task Host_KilledMidDelivery_RestartDeliversEveryChangeExactlyOnce()
    {
        var port = HostProcess.FreePort();
        var client = TestHost.Authorize(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        // A quarter of the users get through; then the vendor accepts each create but keeps its answer in flight,
        // and the host dies there: those users exist at the vendor and the host never learnt their ids.
        _vendor.HoldAfterCreates(Users / 4);
        _host = await StartHostAsync(port, client);

        var ids = new Guid[Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var created = await client.PostAsJsonAsync("/api/users", new { username = $"crash{i:D4}", firstName = "Crash", lastName = $"Test{i}" }, ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids[i] = (await created.ReadObjectAsync())["id"]!.GetValue<Guid>();
            (await client.PutAsJsonAsync($"/api/users/{ids[i]}/connectors/sample", new { badge = $"{100000 + i}" }, ct)).EnsureSuccessStatusCode();
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, Updates), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            (await client.PutAsJsonAsync($"/api/users/{ids[i]}", new { firstName = "Crash", lastName = $"Updated{i}" }, ct)).EnsureSuccessStatusCode());

        await SyncTestBed.EventuallyAsync(() => Task.FromResult(_vendor.Creates > Users / 4), "a quarter delivered and more accepted before the kill", 120);
        var createsAtKill = _vendor.Creates;
        _host.Kill(entireProcessTree: true);
        await _host.WaitForExitAsync();
        createsAtKill.ShouldBeLessThan(Users, "the kill must land while deliveries are still in flight");
        createsAtKill.ShouldBeGreaterThan(Users / 4, "some creates were accepted by the vendor and never answered");

        _vendor.ReleaseHold();
        _host = await StartHostAsync(port, client);
        await SyncTestBed.EventuallyAsync(async () =>
        {
            var status = (await (await client.GetAsync("/api/sync/status")).ReadNodeAsync()).AsArray().Single()!;
            return status["pending"]!.GetValue<int>() == 0 && _vendor.Users.Count >= Users;
        }, "all changes delivered after the restart", 240);

        var vendorUsers = _vendor.Users;
        vendorUsers.Select(u => u["login"]!.GetValue<string>()).Distinct().Count().ShouldBe(vendorUsers.Count, "no user may exist twice at the vendor");
        vendorUsers.Count.ShouldBe(Users);
        var byLogin = vendorUsers.ToDictionary(u => u["login"]!.GetValue<string>());
        for (var i = 0; i < Users; i++)
        {
            var expected = i < Updates ? $"Crash Updated{i}" : $"Crash Test{i}";
            byLogin[$"crash{i:D4}"]["displayName"]!.GetValue<string>().ShouldBe(expected);
            byLogin[$"crash{i:D4}"]["badge"]!.GetValue<string>().ShouldBe($"{100000 + i}");
        }
        var dead = (await (await client.GetAsync("/api/sync/dead-letter")).ReadObjectAsync())["totalCount"]!.GetValue<int>();
        dead.ShouldBe(0);
    }

    [Fact]
    public async Task Host_KilledDuringVendorOutageWithDeletesQueued_RestartDeliversDeletesAndUpdatesOnce()
    {
        const int count = 60;
        var port = HostProcess.FreePort();
        var client = TestHost.Authorize(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        _host = await StartHostAsync(port, client, new()
        {
            ["Sync__BreakerMinimumThroughput"] = "2",
            ["Sync__BreakerBreakDuration"] = "00:00:02",
            ["Sync__MaxDeleteShare"] = "0.5",
        });
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var created = await client.PostAsJsonAsync("/api/users", new { username = $"out{i:D3}", firstName = "Out", lastName = $"Age{i}" }, ct);
            ids[i] = (await created.ReadObjectAsync())["id"]!.GetValue<Guid>();
            (await client.PutAsJsonAsync($"/api/users/{ids[i]}/connectors/sample", new { badge = $"{1000 + i}", pin = $"{770000 + i}" }, ct)).EnsureSuccessStatusCode();
        });
        await SyncTestBed.EventuallyAsync(() => Task.FromResult(_vendor.Users.Count == count), "every user at the vendor", 120);

        // The vendor goes down; a third of the users are deleted and a third renamed while it is down.
        _vendor.Down = true;
        for (var i = 0; i < count / 3; i++)
        {
            (await client.DeleteAsync($"/api/users/{ids[i]}")).EnsureSuccessStatusCode();
            (await client.PutAsJsonAsync($"/api/users/{ids[count / 3 + i]}", new { firstName = "Out", lastName = $"Renamed{i}" })).EnsureSuccessStatusCode();
        }
        await SyncTestBed.EventuallyAsync(async () => (await SampleStatusAsync(client))["circuit"]!.GetValue<string>() == "Open", "circuit open during the outage", 60);
        _host.Kill(entireProcessTree: true);
        await _host.WaitForExitAsync();

        _vendor.Down = false;
        _host = await StartHostAsync(port, client, new() { ["Sync__BreakerBreakDuration"] = "00:00:02", ["Sync__MaxDeleteShare"] = "0.5" });
        await SyncTestBed.EventuallyAsync(async () => (await SampleStatusAsync(client))["pending"]!.GetValue<int>() == 0, "backlog delivered after the restart", 120);

        var byLogin = _vendor.Users.ToDictionary(u => u["login"]!.GetValue<string>());
        byLogin.Count.ShouldBe(count - count / 3, "deleted users are gone at the vendor, nobody twice");
        for (var i = 0; i < count / 3; i++)
        {
            byLogin.ShouldNotContainKey($"out{i:D3}");
            byLogin[$"out{count / 3 + i:D3}"]["displayName"]!.GetValue<string>().ShouldBe($"Out Renamed{i}");
        }
        _vendor.Writes.Count(w => w.StartsWith("delete ", StringComparison.Ordinal)).ShouldBe(count / 3);
        var status = await SampleStatusAsync(client);
        status["circuit"]!.GetValue<string>().ShouldBe("Closed");
        status["deadLetter"]!.GetValue<int>().ShouldBe(0);
        // The deleted users' PINs were in their settings; the outbox never keeps them.
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "host.db")}");
        await db.OpenAsync();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT count(*) FROM SyncJobs WHERE Snapshot LIKE '%7700%'";
        ((long)(await query.ExecuteScalarAsync())!).ShouldBe(0);
    }

    private static async Task<JsonNode> SampleStatusAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/sync/status")).ReadNodeAsync()).AsArray().Single(s => s!["connectorId"]!.GetValue<string>() == "sample")!;

    private async Task<Process> StartHostAsync(int port, HttpClient client, Dictionary<string, string>? environment = null)
    {
        var pluginsFile = Path.Combine(_directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject
        {
            ["vendorUrl"] = _vendor.BaseAddress.ToString(),
            ["apiKey"] = FakeDirectoryVendor.ApiKey,
        })).ToJsonString());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepoPaths.HostDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--database", $"Data Source={Path.Combine(_directory, "host.db")}", "--plugins", pluginsFile },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Sync__PollInterval"] = "00:00:00.050",
                ["Sync__BaseRetryDelay"] = "00:00:00.100",
                ["Sync__MaxConcurrencyPerConnector"] = "4",
                ["Logging__LogLevel__Default"] = "Warning",
                [TestHost.BootstrapKeyVariable] = TestHost.BootstrapApiKey,
            },
        };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        return await HostProcess.StartServingAsync(start, client);
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
