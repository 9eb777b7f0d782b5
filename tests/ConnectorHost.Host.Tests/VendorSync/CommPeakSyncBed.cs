using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The host with the real commpeak-dialer plugin, pointed at a fake CommPeak on loopback; the API password reaches
/// the plugin only through a ${env:...} reference in plugins.json.
/// </summary>
internal sealed class CommPeakSyncBed : IAsyncDisposable
{
    public const string ConnectorId = "commpeak-dialer";

    private CommPeakSyncBed(VendorSyncHost host, FakeCommPeak commPeak)
    {
        Host = host;
        CommPeak = commPeak;
    }

    public VendorSyncHost Host { get; }

    public FakeCommPeak CommPeak { get; }

    public static async Task<CommPeakSyncBed> StartAsync(string password = FakeCommPeak.DefaultPassword)
    {
        var commPeak = await FakeCommPeak.StartAsync();
        var settings = new JsonObject
        {
            ["baseUrl"] = commPeak.BaseAddress.AbsoluteUri,
            ["apiUsername"] = FakeCommPeak.ApiUser,
            ["apiPassword"] = "${env:COMMPEAK_API_PASSWORD}",
        };
        var host = await VendorSyncHost.StartAsync(ConnectorId, "CommPeak.Dialer", settings, new Dictionary<string, string> { ["COMMPEAK_API_PASSWORD"] = password });
        return new CommPeakSyncBed(host, commPeak);
    }

    /// <summary>A core user (with e-mail) holding CommPeak settings.</summary>
    public async Task<Guid> CreateAgentAsync(string username, JsonObject settings)
    {
        var id = await Host.CreateUserAsync(username, "Ann", "Lee");
        await Host.PutUserSettingsAsync(id, settings);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await CommPeak.DisposeAsync();
    }
}
