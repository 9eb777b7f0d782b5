using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.Cli;

/// <summary>
/// The CLI verbs run as a separate process against a temporary SQLite file and plugins.json, and are judged by
/// exit code and what they print. Each launch costs a second or two, so each test starts as few as it needs.
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ch-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public CliTests() => Directory.CreateDirectory(_directory);

    private string DatabaseFile => Path.Combine(_directory, "cli.db");

    private string[] Database => ["--database", $"Data Source={DatabaseFile}"];

    private string WritePlugins(string content, string name = "plugins.json")
    {
        var file = Path.Combine(_directory, name);
        File.WriteAllText(file, content);
        return file;
    }

    private string NoPlugins() => WritePlugins("""{ "plugins": [] }""", "no-plugins.json");

    private Task<CliRun> RunAsync(params string[] args) => HostProcess.RunAsync(_directory, args);

    [Fact]
    public async Task PluginsList_TestPlugins_ExitsZeroAndListsFaultedPluginsWithReasons()
    {
        var plugins = WritePlugins(TestHost.DefaultPlugins.ToJsonString());

        var run = await RunAsync(["plugins", "list", .. Database, "--plugins", plugins]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Flattened.ShouldContain($"Plugins from {plugins}");
        var rows = ConsoleTable.Read(run.Output).ToDictionary(r => r["Id"]);
        rows.Keys.ShouldBe(["sample", "isolated-dependency", "throws-on-register", "future-sdk"], ignoreOrder: true);
        rows["sample"]["Status"].ShouldBe("Loaded");
        rows["sample"]["Version"].ShouldBe("1.2.3");
        rows["isolated-dependency"]["Status"].ShouldBe("Loaded");
        rows["throws-on-register"]["Status"].ShouldBe("Faulted");
        rows["throws-on-register"]["Reason"].ShouldContain("vendor endpoint is not configured (simulated registration failure)");
        rows["future-sdk"]["Status"].ShouldBe("Faulted");
        rows["future-sdk"]["Reason"].ShouldContain("built for ConnectorHost SDK 3.0.0");
    }

    [Fact]
    public async Task Migrate_NewDatabaseThenAgain_CreatesDatabaseThenReportsUpToDate()
    {
        var first = await RunAsync(["migrate", .. Database]);

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldMatch(@"Applied [1-9][0-9]* migration\(s\): .*InitialCore");
        File.Exists(DatabaseFile).ShouldBeTrue();

        var second = await RunAsync(["migrate", .. Database]);

        second.ExitCode.ShouldBe(0, second.ToString());
        second.Output.Trim().ShouldBe("Database is up to date.");
    }

    [Fact]
    public async Task UsersList_UserCreatedThroughApi_ListedWithNameAndEmail()
    {
        var noPlugins = new JsonObject { ["plugins"] = new JsonArray() };
        await using var host = await TestHost.StartAsync(noPlugins, directory: Path.Combine(_directory, "host"));
        await host.CreateUserAsync("ann.lee", "Ann", "Lee", "ann.lee@example.com");

        // The CLI reads the same database file while the API process still has it open.
        var run = await RunAsync(["users", "list", "--database", $"Data Source={host.DatabaseFile}", "--plugins", NoPlugins()]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var user = ConsoleTable.Read(run.Output).ShouldHaveSingleItem();
        user["Username"].ShouldBe("ann.lee");
        user["Name"].ShouldBe("Ann Lee");
        user["E-mail"].ShouldBe("ann.lee@example.com");
        user["Enabled"].ShouldBe("yes");
        run.Flattened.ShouldContain("Page 1, 1 of 1 user(s).");
    }

    [Fact]
    public async Task UsersList_PageZero_ExitsNonZeroWithMessageNamingTheOption()
    {
        var run = await RunAsync(["users", "list", "--page", "0", .. Database, "--plugins", NoPlugins()]);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Flattened.ShouldContain("--page: 'Page' must be greater than or equal to '1'.");
        (run.Output + run.Error).ShouldNotContain("   at ", customMessage: "a refused option is a message, not a stack trace");
    }

    [Fact]
    public async Task PluginsList_MalformedPluginsJson_ExitsNonZeroWithMessageNamingTheFile()
    {
        var plugins = WritePlugins("""{ "plugins": [ { "id": "sample", "path": "x.dll", } ,, ] }""", "broken-plugins.json");

        var run = await RunAsync(["plugins", "list", .. Database, "--plugins", plugins]);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Flattened.ShouldContain($"{plugins}: not valid JSON (line 1");
        run.Flattened.ShouldNotContain("Unhandled exception");
        run.Flattened.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task SyncStatus_SampleConnector_ExitsZeroAndListsItsQueue()
    {
        var plugins = WritePlugins(TestHost.DefaultPlugins.ToJsonString());

        var run = await RunAsync(["sync", "status", .. Database, "--plugins", plugins]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var row = ConsoleTable.Read(run.Output).Single();
        row["Connector"].ShouldBe("sample");
        row["Pending"].ShouldBe("0");
        row["Last success"].ShouldBe("never");
    }

    [Fact]
    public async Task SyncStatus_CircuitOpenedByTheHost_CliShowsWhatTheApiShows()
    {
        await using var bed = await Sync.SyncTestBed.StartAsync(new() { ["BreakerMinimumThroughput"] = "2", ["BreakerBreakDuration"] = "00:10:00" });
        var first = await bed.CreateSyncedUserAsync("una", "100");
        var second = await bed.CreateSyncedUserAsync("vic", "101");
        bed.Vendor.FailNext(2, 503);
        await bed.DeliverAsync(first);
        await bed.DeliverAsync(second);
        var api = await bed.StatusAsync();
        api["circuit"]!.GetValue<string>().ShouldBe("Open");
        var plugins = WritePlugins(TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject
        {
            ["vendorUrl"] = bed.Vendor.BaseAddress.ToString(),
            ["apiKey"] = "not-used-by-status",
        })).ToJsonString());

        var run = await RunAsync(["sync", "status", "--database", $"Data Source={bed.Host.DatabaseFile}", "--plugins", plugins]);

        run.ExitCode.ShouldBe(0, run.ToString());
        var row = ConsoleTable.Read(run.Output).Single();
        row["Circuit"].ShouldBe("Open");
        row["Pending"].ShouldBe(api["pending"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        run.Flattened.ShouldContain("Circuit open");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder must not fail a test.
        }
    }
}
