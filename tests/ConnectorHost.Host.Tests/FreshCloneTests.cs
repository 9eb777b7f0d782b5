using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectorHost.Host.Tests;

/// <summary>
/// The host run the way a fresh clone runs it (`dotnet run --project host/ConnectorHost` works from the repository
/// root with no arguments): the repository's plugins.json is found by itself, every connector loads, health is Healthy.
/// </summary>
public sealed partial class FreshCloneTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ch-fresh-" + Guid.NewGuid().ToString("N")[..12]);

    public FreshCloneTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Serve_FromRepositoryRootWithoutPluginsOption_EveryConnectorLoadedAndHealthy()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // What CI and automation set; without it a fresh clone still starts and logs its one-time setup link.
            Environment = { [TestHost.BootstrapKeyVariable] = TestHost.BootstrapApiKey },
        };
        // Only the database moves to a temporary folder; plugins.json is whatever the repository holds.
        foreach (var arg in new[] { RepoPaths.HostDll, "--database", $"Data Source={Path.Combine(_directory, "fresh.db")}", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            _ = process.StandardError.ReadToEndAsync();
            var address = await ListeningAddressAsync(process);
            using var client = TestHost.Authorize(new HttpClient { BaseAddress = new Uri(address) });
            using var anonymous = new HttpClient { BaseAddress = new Uri(address) };

            var setupLink = await SetupLinkAsync(process);
            var health = await anonymous.GetStringAsync("/health");
            var anonymousConnectors = await anonymous.GetAsync("/api/connectors");
            var connectors = (await client.GetFromJsonAsync<JsonArray>("/api/connectors"))!;

            var listed = TestHost.RepositoryPlugins["plugins"]!.AsArray().Select(e => e!["id"]!.GetValue<string>());
            connectors.Select(c => c!["id"]!.GetValue<string>()).ShouldBe(listed, ignoreOrder: true);
            connectors.ShouldAllBe(c => c!["status"]!.GetValue<string>() == "Loaded");
            health.ShouldBe("Healthy");
            anonymousConnectors.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
            (await anonymous.GetAsync(new Uri(setupLink).PathAndQuery)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The address Kestrel logs once it listens; the process ending first fails the test with its output.</summary>
    private static async Task<string> ListeningAddressAsync(Process process)
    {
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            seen.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }
        throw new ShouldAssertException("The host ended before listening:\n" + string.Join('\n', seen));
    }

    /// <summary>The one-time setup link a host with no admin account logs once it listens.</summary>
    private static async Task<string> SetupLinkAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (SetupLinkLine().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }
        throw new ShouldAssertException("The host logged no setup link.");
    }

    [GeneratedRegex(@"(http://\S+/setup\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex SetupLinkLine();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

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
