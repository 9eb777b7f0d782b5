using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The real host loading one real vendor plugin from artifacts/plugins, with its secrets passed as environment
/// references. The background worker is off unless asked for, so tests drive delivery step by step.
/// </summary>
internal sealed class VendorSyncHost : IAsyncDisposable
{
    private VendorSyncHost(TestHost host, string connectorId)
    {
        Host = host;
        ConnectorId = connectorId;
    }

    public TestHost Host { get; }

    public string ConnectorId { get; }

    public HttpClient Client => Host.Client;

    public static async Task<VendorSyncHost> StartAsync(string connectorId, string project, JsonObject settings, IReadOnlyDictionary<string, string> environment, bool runWorker = false)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:PollInterval"] = "00:00:00.020",
            ["Sync:BaseRetryDelay"] = "00:00:00",
            ["Sync:MaxRetryDelay"] = "00:00:01",
            ["Sync:GatewayTimeout"] = "00:00:10",
            // The breaker is covered by the sample connector's tests; here a failure must stay one failure.
            ["Sync:BreakerMinimumThroughput"] = "1000",
        };
        var plugins = TestHost.PluginsJson((connectorId, project, settings));
        var host = await TestHost.StartAsync(plugins, environment, configuration: configuration, runSyncWorker: runWorker);
        var connector = await (await host.Client.GetAsync($"/api/connectors/{connectorId}")).ReadObjectAsync();
        // A faulted plugin would make every later assertion fail for the wrong reason: say why up front.
        connector["status"]!.GetValue<string>().ShouldBe("Loaded", connector["faultReason"]?.ToString());
        return new VendorSyncHost(host, connectorId);
    }

    public async Task<DeliveryOutcome> DeliverUserAsync(Guid userId) => await DeliverAsync(SyncEntityType.User, userId);

    public async Task<DeliveryOutcome> DeliverGroupAsync(Guid groupId) => await DeliverAsync(SyncEntityType.Group, groupId);

    /// <summary>One round of the real worker for this connector; returns how many entities it delivered.</summary>
    public async Task<int> RunWorkerRoundAsync()
    {
        var worker = Host.Services.GetRequiredService<ConnectorHost.Core.Sync.SyncRound>();
        return await worker.RunConnectorAsync(ConnectorId, CancellationToken.None);
    }

    /// <summary>
    /// Worker rounds until one delivers nothing; capped, so a job that re-queues itself for ever fails the test
    /// instead of hanging the run.
    /// </summary>
    public async Task RunWorkerUntilIdleAsync(int maxRounds = 20)
    {
        for (var round = 1; round <= maxRounds; round++)
        {
            if (await RunWorkerRoundAsync() == 0)
            {
                return;
            }
        }
        throw new InvalidOperationException($"The worker still delivered after {maxRounds} rounds: something re-queues itself.");
    }

    public async Task<List<SyncJob>> JobsAsync(Guid entityId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs.AsNoTracking()
            .Where(j => j.ConnectorId == ConnectorId && j.EntityId == entityId).OrderBy(j => j.Id).ToListAsync();
    }

    public async Task<VendorLink?> LinkAsync(Guid entityId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().VendorLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ConnectorId == ConnectorId && l.EntityId == entityId);
    }

    /// <summary>Moves an entity's pending jobs to "due now", as if the retry delay had passed.</summary>
    public async Task MakeDueAsync(Guid entityId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs
            .Where(j => j.ConnectorId == ConnectorId && j.EntityId == entityId && j.Status == SyncJobStatus.Pending)
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.NextAttemptAt, DateTime.UtcNow));
    }

    public async Task<JsonObject> StatusAsync() =>
        (await (await Client.GetAsync("/api/sync/status")).ReadNodeAsync()).AsArray()
            .Single(s => s!["connectorId"]!.GetValue<string>() == ConnectorId)!.AsObject();

    /// <summary>A core user with a first name, last name and e-mail (STARFACE requires all three).</summary>
    public async Task<Guid> CreateUserAsync(string username, string firstName, string lastName) =>
        (await Host.CreateUserAsync(username, firstName, lastName, $"{username}@example.com"))["id"]!.GetValue<Guid>();

    /// <summary>PUT of the user's settings for this connector; fails the test with the API's answer when refused.</summary>
    public async Task PutUserSettingsAsync(Guid userId, object settings)
    {
        var response = await Client.PutAsJsonAsync($"/api/users/{userId}/connectors/{ConnectorId}", settings);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Replaces the user's profile (a PUT replaces every field, so the e-mail is sent again).</summary>
    public async Task RenameAsync(Guid userId, string username, string firstName, string lastName)
    {
        var response = await Client.PutAsJsonAsync($"/api/users/{userId}", new { firstName, lastName, email = $"{username}@example.com" });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits for something the background worker brings about; bounded, fails with a message instead of hanging.</summary>
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

    private async Task<DeliveryOutcome> DeliverAsync(SyncEntityType type, Guid id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncDelivery>().DeliverAsync(ConnectorId, type, id, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
