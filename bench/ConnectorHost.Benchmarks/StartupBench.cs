namespace ConnectorHost.Benchmarks;

/// <summary>Process start to first HTTP 200 on /health: the full host (migrations, all plugins) versus a bare ASP.NET app.</summary>
internal static class StartupBench
{
    private const int Runs = 5;

    public static async Task<int> RunAsync()
    {
        var root = RepoRoot();
        var hostDll = Path.Combine(AppContext.BaseDirectory, "connectorhost.dll");
        var self = Path.Combine(AppContext.BaseDirectory, "ConnectorHost.Benchmarks.dll");
        var host = new List<double>();
        var restart = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var db = Path.Combine(Path.GetTempPath(), $"bench-startup-{Guid.NewGuid():N}.db");
            // Alternate the two so machine noise spreads over both.
            bare.Add(await TimeToFirst200Async(self, ["bare-server"]));
            string[] serve = ["serve", "--database", $"Data Source={db}", "--plugins", Path.Combine(root, "plugins.json")];
            host.Add(await TimeToFirst200Async(hostDll, serve));
            // The everyday case: a restart on a database that is already migrated.
            restart.Add(await TimeToFirst200Async(hostDll, serve));
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }
        var hostMedian = Median(host);
        var restartMedian = Median(restart);
        var bareMedian = Median(bare);
        Console.WriteLine($"startup (process start to first HTTP 200 on /health): {Runs} runs each, every plugin in plugins.json loaded");
        Console.WriteLine($"  bare ASP.NET app                 median {bareMedian,7:0} ms  (runs: {string.Join(", ", bare.Select(v => v.ToString("0")))})");
        Console.WriteLine($"  ConnectorHost, new database      median {hostMedian,7:0} ms  (runs: {string.Join(", ", host.Select(v => v.ToString("0")))})");
        Console.WriteLine($"  ConnectorHost, restart           median {restartMedian,7:0} ms  (runs: {string.Join(", ", restart.Select(v => v.ToString("0")))})");
        Console.WriteLine($"  ratio new database/bare          {hostMedian / bareMedian:0.00}x");
        Console.WriteLine($"  ratio restart/bare               {restartMedian / bareMedian:0.00}x");
        return 0;
    }

    private static async Task<double> TimeToFirst200Async(string dll, string[] args)
    {
        await using var server = await ServerProcess.StartAsync(dll, args);
        return server.TimeToFirst200.TotalMilliseconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectorHost.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ConnectorHost.sln not found.");
    }
}
