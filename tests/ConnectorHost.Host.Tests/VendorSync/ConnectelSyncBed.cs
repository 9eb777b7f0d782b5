using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectel.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The host with the real connectel plugin, pointed at a fake Connectel on loopback; the API key reaches the plugin
/// only through a ${env:...} reference in plugins.json. The fake starts with one user profile.
/// </summary>
internal sealed class ConnectelSyncBed : IAsyncDisposable
{
    public const string ConnectorId = "connectel";

    private ConnectelSyncBed(VendorSyncHost host, FakeConnectel connectel, string profile)
    {
        Host = host;
        Connectel = connectel;
        Profile = profile;
    }

    public VendorSyncHost Host { get; }

    public FakeConnectel Connectel { get; }

    /// <summary>Id of the profile "Sales supervisors".</summary>
    public string Profile { get; }

    public string SettingsPath(Guid userId) => $"/api/users/{userId}/connectors/{ConnectorId}";

    public static async Task<ConnectelSyncBed> StartAsync(string apiKey = FakeConnectel.DefaultApiKey, bool runWorker = false, bool securitySuite = false)
    {
        var connectel = await FakeConnectel.StartAsync(securitySuite: securitySuite);
        var profile = connectel.AddProfile("Sales supervisors", "agents", "queues");
        var settings = new JsonObject
        {
            ["baseUrl"] = connectel.BaseAddress.AbsoluteUri,
            ["apiKey"] = "${env:CONNECTEL_API_KEY}",
            ["securitySuite"] = securitySuite,
            ["internalNumberFrom"] = 3000,
            ["internalNumberTo"] = 3999,
        };
        var host = await VendorSyncHost.StartAsync(ConnectorId, "Connectel", settings, new Dictionary<string, string> { ["CONNECTEL_API_KEY"] = apiKey }, runWorker);
        return new ConnectelSyncBed(host, connectel, profile);
    }

    /// <summary>A core user (with e-mail) with Connectel settings: a User-role supervisor in the sales profile unless <paramref name="settings"/> says otherwise.</summary>
    public async Task<Guid> CreateSupervisorAsync(string username, string firstName, string lastName, JsonObject? settings = null)
    {
        var id = await Host.CreateUserAsync(username, firstName, lastName);
        var document = new JsonObject { ["role"] = "User", ["userProfile"] = Profile, ["password"] = "Start-Pass1!" };
        foreach (var (key, value) in settings ?? [])
        {
            document[key] = value?.DeepClone();
        }
        await Host.PutUserSettingsAsync(id, document);
        return id;
    }

    public async Task<JsonObject> SettingsAsync(Guid userId) =>
        (await (await Host.Client.GetAsync(SettingsPath(userId))).ReadObjectAsync())["settings"]!.AsObject();

    public Task<HttpResponseMessage> PutSettingsAsync(Guid userId, object settings) => Host.Client.PutAsJsonAsync(SettingsPath(userId), settings);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connectel.DisposeAsync();
    }
}
