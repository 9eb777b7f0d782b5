using HostedPbx.Testing;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The host with the real hosted-pbx plugin, pointed at a fake PBX on loopback; the API key reaches the plugin
/// only through a ${env:...} reference in plugins.json.
/// </summary>
internal sealed class HostedPbxSyncBed : IAsyncDisposable
{
    public const string ConnectorId = "hosted-pbx";
    public const string MainNumber = "+493012345670";

    private HostedPbxSyncBed(VendorSyncHost host, FakePbx pbx)
    {
        Host = host;
        Pbx = pbx;
    }

    public VendorSyncHost Host { get; }

    public FakePbx Pbx { get; }

    public static async Task<HostedPbxSyncBed> StartAsync(string apiKey = FakePbx.DefaultApiKey, bool runWorker = false)
    {
        var pbx = await FakePbx.StartAsync();
        var settings = new JsonObject
        {
            ["baseUrl"] = pbx.BaseAddress.AbsoluteUri,
            ["apiKey"] = "${env:HOSTED_PBX_API_KEY}",
            ["provisioningServer"] = "sip.pbx.example.com",
            ["numberInventory"] = new JsonArray(MainNumber, "+493012345671"),
        };
        var host = await VendorSyncHost.StartAsync(ConnectorId, "HostedPbx", settings, new Dictionary<string, string> { ["HOSTED_PBX_API_KEY"] = apiKey }, runWorker);
        return new HostedPbxSyncBed(host, pbx);
    }

    /// <summary>A core user with PBX settings (extension plus whatever else <paramref name="settings"/> holds).</summary>
    public async Task<Guid> CreatePbxUserAsync(string username, string firstName, string lastName, JsonObject settings)
    {
        var id = await Host.CreateUserAsync(username, firstName, lastName);
        await Host.PutUserSettingsAsync(id, settings);
        return id;
    }

    public JsonObject ExtensionAt(string number) =>
        Pbx.Extensions.Values.Single(e => e["extension"]!.GetValue<string>() == number);

    public int CallsTo(string method, string pathPrefix) =>
        Pbx.Calls.Count(c => c.Method == method && c.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Pbx.DisposeAsync();
    }
}
