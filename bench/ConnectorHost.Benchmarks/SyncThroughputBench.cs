using System.Diagnostics;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sync;
using ConnectorHost.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Benchmarks;

/// <summary>
/// Delivery throughput to a fake vendor on 127.0.0.1: jobs/s through the durable outbox (worker rounds,
/// SQLite bookkeeping, coalescing, vendor-id records) versus calling the connector's gateway directly in a loop.
/// </summary>
internal static class SyncThroughputBench
{
    private const int Users = 2000;

    public static async Task<int> RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bench-sync-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var pluginsFile = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, new JsonObject
        {
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["id"] = "sample",
                ["path"] = Path.Combine(StartupBench.RepoRoot(), "artifacts", "plugins", "TestPlugins.Sample", "TestPlugins.Sample.dll"),
                ["settings"] = new JsonObject { ["vendorUrl"] = vendor.BaseAddress.ToString(), ["apiKey"] = FakeDirectoryVendor.ApiKey },
            }),
        }.ToJsonString());
        await using var app = await HostApp.CreateAsync(new HostAppOptions
        {
            ConnectionString = $"Data Source={Path.Combine(directory, "bench.db")}",
            PluginsFile = pluginsFile,
            RunSyncWorker = false,
            ConfigureLogging = l => l.ClearProviders(),
        });

        var ids = new List<Guid>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            for (var i = 0; i < Users; i++)
            {
                var user = await mediator.Send(new CreateUser($"bench{i:D5}", "Bench", $"User{i}"));
                await mediator.Send(new PutConnectorSettings(SettingsOwner.User, user.Id, "sample", new JsonObject { ["badge"] = $"{100000 + i}" }, null));
                ids.Add(user.Id);
            }
        }

        // Direct: the same pushes, straight to the connector's gateway, one after another.
        var direct = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            var dispatcher = scope.ServiceProvider.GetRequiredService<IConnectorDispatcher>();
            var directory2 = scope.ServiceProvider.GetRequiredService<PluginServicesFactory>().Create("sample").Directory;
            foreach (var id in ids)
            {
                var context = (await directory2.GetUserAsync(id, CancellationToken.None))!;
                await dispatcher.SendAsync("sample", new PushUser(context, PushOperation.Upsert, null, Guid.NewGuid().ToString("N")), CancellationToken.None);
            }
        }
        direct.Stop();

        // Outbox: the jobs written with the changes, delivered by worker rounds until the queue is empty.
        var worker = app.Services.GetRequiredService<ConnectorHost.Core.Sync.SyncRound>();
        var options = app.Services.GetRequiredService<SyncOptions>();
        var outbox = Stopwatch.StartNew();
        while (await worker.RunConnectorAsync("sample", CancellationToken.None) > 0)
        {
        }
        outbox.Stop();
        int pending;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs.CountAsync(j => j.Status == SyncJobStatus.Pending);
        }

        var directRate = Users / direct.Elapsed.TotalSeconds;
        var outboxRate = Users / outbox.Elapsed.TotalSeconds;
        Console.WriteLine($"sync: {Users} users to a fake vendor on 127.0.0.1 (outbox concurrency {options.MaxConcurrencyPerConnector}, {pending} left pending)");
        Console.WriteLine($"  gateway directly, sequential loop  {directRate,8:0} pushes/s  ({direct.Elapsed.TotalSeconds:0.00} s)");
        Console.WriteLine($"  durable outbox (worker rounds)     {outboxRate,8:0} jobs/s    ({outbox.Elapsed.TotalSeconds:0.00} s)");
        Console.WriteLine($"  ratio outbox/direct                {outboxRate / directRate:0.00}x");
        Console.WriteLine($"  vendor users {vendor.Users.Count}, creates {vendor.Creates} (direct run created them; the outbox adopted them by login)");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return 0;
    }
}
