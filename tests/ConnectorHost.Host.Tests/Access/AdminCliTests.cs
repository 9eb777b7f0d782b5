using System.Net;
using ConnectorHost.Host.Tests.Cli;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>The CLI works on the database directly: it needs no key, and it can make one.</summary>
public sealed class AdminCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));

    public AdminCliTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task CreateKey_ReadOnlyRole_PrintsAKeyTheServerAcceptsForReadsOnly()
    {
        var plugins = Path.Combine(_directory, "plugins.json");
        await File.WriteAllTextAsync(plugins, """{"plugins":[]}""");

        var run = await HostProcess.RunAsync(_directory, "admin", "create-key", "--name", "reporting", "--role", "ReadOnly",
            "--database", $"Data Source={Path.Combine(_directory, "host.db")}", "--plugins", plugins);
        await using var host = await TestHost.StartAsync(directory: _directory, runSyncWorker: false);
        host.KeepDirectory = true;
        using var client = host.ClientWithKey(run.Output.Trim());

        run.ExitCode.ShouldBe(0, run.ToString());
        (await client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/api/users", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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
            // Temp garbage only.
        }
    }
}
