using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Testing.Host;

/// <summary>
/// The real host on 127.0.0.1 (random port) with a fresh SQLite file in a temporary folder and a plugins.json of the
/// caller's: load a connector from its plugin folder, call the API as an administrator, drive the sync engine and
/// read plan and reconcile. The background worker is off unless asked for, so tests deliver step by step.
/// </summary>
public sealed class HostTestBed : IAsyncDisposable
{
    /// <summary>The administrator API key <see cref="Client"/> sends (the host's bootstrap key).</summary>
    public const string ApiKey = "host-test-bed-key-3e8d5b71c0";

    private readonly InProcessHost _host;

    private HostTestBed(InProcessHost host, HttpClient client)
    {
        _host = host;
        Client = client;
    }

    /// <summary>Calls the API as an administrator.</summary>
    public HttpClient Client { get; }

    /// <summary>The temporary folder: database, key ring, plugins.json. Deleted on dispose.</summary>
    public string Directory => _host.Directory;

    /// <summary>The host's services (e.g. the sync engine's <see cref="SyncRound"/>).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>A plugins.json with one connector: its id, the plugin's assembly (absolute path) and its settings.</summary>
    public static JsonObject PluginsJson(string connectorId, string pluginAssembly, JsonObject settings) => new()
    {
        ["plugins"] = new JsonArray(new JsonObject
        {
            ["id"] = connectorId,
            ["path"] = Path.GetFullPath(pluginAssembly),
            ["enabled"] = true,
            ["settings"] = settings.DeepClone(),
        }),
    };

    /// <summary>
    /// Starts the host with <paramref name="pluginsJson"/> (paths absolute, or relative to <paramref name="pathsRelativeTo"/>).
    /// <paramref name="environment"/> is all the host sees of the environment (for <c>${env:NAME}</c> references).
    /// </summary>
    public static async Task<HostTestBed> StartAsync(JsonObject pluginsJson, IReadOnlyDictionary<string, string>? environment = null,
        string? pathsRelativeTo = null, bool runSyncWorker = false, Action<ILoggingBuilder>? logging = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-testbed", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var plugins = (JsonObject)pluginsJson.DeepClone();
        foreach (var entry in plugins["plugins"]!.AsArray())
        {
            entry!["path"] = Path.GetFullPath(Path.Combine(pathsRelativeTo ?? directory, entry["path"]!.GetValue<string>()));
        }
        var pluginsFile = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, plugins.ToJsonString());
        var host = await InProcessHost.StartAsync(directory, pluginsFile,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value
                : name == "CONNECTORHOST_BOOTSTRAP_API_KEY" ? ApiKey : null,
            new Dictionary<string, string?>
            {
                ["Sync:PollInterval"] = "00:00:00.020",
                ["Sync:BaseRetryDelay"] = "00:00:00",
                ["Sync:MaxRetryDelay"] = "00:00:01",
            },
            runSyncWorker, runImportWorker: false, logging: logging);
        var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return new HostTestBed(host, client);
    }

    /// <summary>GET /api/connectors/{id}: status (<c>Loaded</c> or <c>Faulted</c> with <c>faultReason</c>), manifest, schemas.</summary>
    public async Task<JsonObject> ConnectorAsync(string connectorId) =>
        await ReadAsync(await Client.GetAsync($"/api/connectors/{Uri.EscapeDataString(connectorId)}"));

    /// <summary>Creates a core user and returns its id.</summary>
    public async Task<Guid> CreateUserAsync(string username, string firstName, string lastName, string? email = null)
    {
        var created = await ReadAsync(await Client.PostAsJsonAsync("/api/users", new { username, firstName, lastName, email = email ?? $"{username}@example.com" }));
        return created["id"]!.GetValue<Guid>();
    }

    /// <summary>PUT of a user's settings for a connector; the answer as is (200, or 400/409 problem details).</summary>
    public Task<HttpResponseMessage> PutUserSettingsAsync(string connectorId, Guid userId, JsonObject settings) =>
        Client.PutAsJsonAsync($"/api/users/{userId}/connectors/{Uri.EscapeDataString(connectorId)}", settings);

    /// <summary>POST /api/sync/push: pushes one user now; the trace of steps.</summary>
    public async Task<JsonObject> PushNowAsync(string connectorId, Guid userId) =>
        await ReadAsync(await Client.PostAsJsonAsync("/api/sync/push", new { connectorId, userId }));

    /// <summary>GET /api/sync/plan for one connector: what a sync would create, update, delete.</summary>
    public async Task<JsonObject> PlanAsync(string connectorId)
    {
        var response = await Client.GetAsync($"/api/sync/plan?connectorId={Uri.EscapeDataString(connectorId)}");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /api/sync/plan answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!.AsArray().Single(c => c!["connectorId"]!.GetValue<string>() == connectorId)!.AsObject();
    }

    /// <summary>POST /api/sync/reconcile: the vendor's users against the core's, repaired when asked.</summary>
    public async Task<JsonObject> ReconcileAsync(string connectorId, bool repair = false) =>
        await ReadAsync(await Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId, repair, confirmDeletes = false }));

    /// <summary>Runs the sync engine's worker for one connector until a round delivers nothing (capped: a job that re-queues itself fails).</summary>
    public async Task RunWorkerUntilIdleAsync(string connectorId, int maxRounds = 20)
    {
        var round = Services.GetRequiredService<SyncRound>();
        for (var i = 0; i < maxRounds; i++)
        {
            if (await round.RunConnectorAsync(connectorId, CancellationToken.None) == 0)
            {
                return;
            }
        }
        throw new InvalidOperationException($"The worker still delivered after {maxRounds} rounds: something re-queues itself.");
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        InProcessHost.DeleteFolder(Directory);
    }
}
