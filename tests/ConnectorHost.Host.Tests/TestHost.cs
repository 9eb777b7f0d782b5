using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Testing.Host;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Host.Tests;

/// <summary>
/// The real host on Kestrel (127.0.0.1, random port) with a temporary SQLite file and a plugins.json that
/// points at the plugin folders built from the solution.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    /// <summary>The test plugins' own file, tests/TestPlugins/plugins.json: two load, two fault on purpose.</summary>
    public static JsonObject DefaultPlugins => WithAbsolutePaths(RepoPaths.TestPluginsFile);

    /// <summary>The repository's plugins.json, what `dotnet run --project host/ConnectorHost` loads.</summary>
    public static JsonObject RepositoryPlugins => WithAbsolutePaths(Path.Combine(RepoPaths.Root, "plugins.json"));

    /// <summary>A plugins file's content with each path made absolute, so the copy works from a temporary folder.</summary>
    private static JsonObject WithAbsolutePaths(string file)
    {
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        foreach (var entry in json["plugins"]!.AsArray())
        {
            entry!["path"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, entry["path"]!.GetValue<string>()));
        }
        return json;
    }

    /// <summary>
    /// The administrator key every test host starts with (CONNECTORHOST_BOOTSTRAP_API_KEY); <see cref="Client"/> sends it.
    /// A test that passes the variable in its environment (even empty) decides for itself.
    /// </summary>
    public const string BootstrapApiKey = "test-bootstrap-key-4f1c2a9e7d";

    private readonly InProcessHost _host;

    private TestHost(InProcessHost host, HttpClient client)
    {
        _host = host;
        Client = client;
    }

    /// <summary>Calls as the bootstrap administrator key.</summary>
    public HttpClient Client { get; }

    /// <summary>The environment variable the bootstrap key is read from.</summary>
    public const string BootstrapKeyVariable = "CONNECTORHOST_BOOTSTRAP_API_KEY";

    /// <summary>A client of this host that sends no credentials (and keeps cookies, for sign-in tests).</summary>
    public HttpClient AnonymousClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }, disposeHandler: true) { BaseAddress = Client.BaseAddress };

    /// <summary>A client of this host that sends <paramref name="apiKey"/> as its bearer token.</summary>
    public HttpClient ClientWithKey(string apiKey)
    {
        var client = AnonymousClient();
        Authorize(client, apiKey);
        return client;
    }

    /// <summary>Makes <paramref name="client"/> send the bootstrap key (or <paramref name="apiKey"/>); for hosts started as a process.</summary>
    public static HttpClient Authorize(HttpClient client, string apiKey = BootstrapApiKey)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public string Directory => _host.Directory;

    public string DatabaseFile => _host.DatabaseFile;

    public IServiceProvider Services => _host.Services;

    /// <summary>Leave the folder (database, key ring) in place on dispose, for a restart on the same data.</summary>
    public bool KeepDirectory { get; set; }

    public static JsonObject PluginsJson(params (string Id, string Project, JsonObject Settings)[] plugins) => new()
    {
        ["plugins"] = new JsonArray(plugins.Select(p => (JsonNode?)new JsonObject
        {
            ["id"] = p.Id,
            ["path"] = RepoPaths.Plugin(p.Project),
            ["enabled"] = true,
            ["settings"] = p.Settings.DeepClone(),
        }).ToArray()),
    };

    public static async Task<TestHost> StartAsync(JsonNode? plugins = null, IReadOnlyDictionary<string, string>? environment = null, string? directory = null, long? maxRequestBodyBytes = null,
        IReadOnlyDictionary<string, string?>? configuration = null, bool runSyncWorker = true, TimeProvider? time = null,
        Action<ILoggingBuilder>? logging = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var pluginsFile = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, (plugins ?? DefaultPlugins).ToJsonString());
        var host = await InProcessHost.StartAsync(directory, pluginsFile,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value
                : name == BootstrapKeyVariable ? BootstrapApiKey : null,
            configuration, runSyncWorker, maxRequestBodyBytes: maxRequestBodyBytes, time: time, logging: logging);
        return new TestHost(host, Authorize(new HttpClient { BaseAddress = host.Address }));
    }

    public async Task<JsonObject> CreateUserAsync(string username, string firstName = "Test", string lastName = "User", string? email = null)
    {
        var response = await Client.PostAsJsonAsync("/api/users", new { username, firstName, lastName, email });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<int> CountAsync(string path)
    {
        var page = await Client.GetFromJsonAsync<JsonObject>(path);
        return page!["totalCount"]!.GetValue<int>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        if (!KeepDirectory)
        {
            InProcessHost.DeleteFolder(Directory);
        }
    }
}

internal static class Json
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject
        ?? throw new JsonException("Expected a JSON object.");

    public static async Task<JsonNode> ReadNodeAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
