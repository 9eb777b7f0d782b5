using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.Sync;

/// <summary>A host wired to the sample connector and a fake vendor; the worker is off so tests drive delivery step by step.</summary>
public sealed class SyncTestBed : IAsyncDisposable
{
    private SyncTestBed(TestHost host, FakeDirectoryVendor vendor)
    {
        Host = host;
        Vendor = vendor;
    }

    public TestHost Host { get; }

    public FakeDirectoryVendor Vendor { get; }

    public static async Task<SyncTestBed> StartAsync(Dictionary<string, string?>? sync = null, bool runWorker = false, string apiKey = FakeDirectoryVendor.ApiKey,
        TimeProvider? time = null, Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null)
    {
        var vendor = await FakeDirectoryVendor.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:PollInterval"] = "00:00:00.020",
            ["Sync:BaseRetryDelay"] = "00:00:00",
            ["Sync:MaxRetryDelay"] = "00:00:01",
            ["Sync:GatewayTimeout"] = "00:00:05",
            ["Sync:BreakerMinimumThroughput"] = "1000",
        };
        foreach (var (key, value) in sync ?? [])
        {
            configuration[$"Sync:{key}"] = value;
        }
        var plugins = TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject
        {
            ["vendorUrl"] = vendor.BaseAddress.ToString(),
            ["apiKey"] = "${env:SAMPLE_API_KEY}",
        }));
        var host = await TestHost.StartAsync(plugins, new Dictionary<string, string> { ["SAMPLE_API_KEY"] = apiKey }, configuration: configuration, runSyncWorker: runWorker, time: time, logging: logging);
        return new SyncTestBed(host, vendor);
    }

    public async Task<Guid> CreateSyncedUserAsync(string username, string badge, string firstName = "Test", string lastName = "User")
    {
        var id = (await Host.CreateUserAsync(username, firstName, lastName))["id"]!.GetValue<Guid>();
        (await Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge })).EnsureSuccessStatusCode();
        return id;
    }

    public async Task<DeliveryOutcome> DeliverAsync(Guid userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncDelivery>().DeliverAsync("sample", SyncEntityType.User, userId, CancellationToken.None);
    }

    /// <summary>One round of the real worker for the sample connector; returns how many entities it delivered.</summary>
    public async Task<int> RunRoundAsync() =>
        await Host.Services.GetRequiredService<SyncRound>().RunConnectorAsync("sample", CancellationToken.None);

    public async Task<List<SyncJob>> JobsAsync(Guid userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs.AsNoTracking()
            .Where(j => j.EntityId == userId).OrderBy(j => j.Id).ToListAsync();
    }

    public async Task<VendorLink?> LinkAsync(Guid userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().VendorLinks.AsNoTracking().FirstOrDefaultAsync(l => l.EntityId == userId);
    }

    public async Task<JsonObject> StatusAsync() =>
        (await (await Host.Client.GetAsync("/api/sync/status")).ReadNodeAsync()).AsArray().Single(s => s!["connectorId"]!.GetValue<string>() == "sample")!.AsObject();

    /// <summary>Waits for a condition the background worker brings about; bounded, fails with a message instead of hanging.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Gave up waiting for: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Vendor.DisposeAsync();
    }
}
