using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using Starface.Cti.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The host with the real starface-cti plugin, pointed at a fake STARFACE and a fake Business Central on
/// loopback. The STARFACE password and the Business Central client secret reach the plugin only through
/// ${env:...} references in plugins.json.
/// </summary>
internal sealed class StarfaceSyncBed : IAsyncDisposable
{
    public const string ConnectorId = "starface-cti";

    private StarfaceSyncBed(VendorSyncHost host, FakeStarface starface, FakeBusinessCentral businessCentral)
    {
        Host = host;
        Starface = starface;
        BusinessCentral = businessCentral;
    }

    public VendorSyncHost Host { get; }

    public FakeStarface Starface { get; }

    public FakeBusinessCentral BusinessCentral { get; }

    public static async Task<StarfaceSyncBed> StartAsync(string starfacePassword = FakeStarface.Password, bool runWorker = false)
    {
        var starface = await FakeStarface.StartAsync();
        var businessCentral = await FakeBusinessCentral.StartAsync();
        var settings = new JsonObject
        {
            ["businessCentralTenantId"] = FakeBusinessCentral.TenantId,
            ["businessCentralCompanyId"] = FakeBusinessCentral.CompanyId.ToString("D"),
            ["businessCentralCompanyName"] = "CRONUS AG",
            ["businessCentralClientId"] = FakeBusinessCentral.ClientId,
            ["businessCentralClientSecret"] = "${env:BC_CLIENT_SECRET}",
            ["businessCentralTokenUrl"] = businessCentral.TokenUrl.AbsoluteUri,
            ["businessCentralApiBaseUrl"] = businessCentral.ApiBaseUrl.AbsoluteUri,
            ["starfaceBaseUrl"] = starface.BaseAddress.AbsoluteUri,
            ["starfaceLogin"] = FakeStarface.Login,
            ["starfacePassword"] = "${env:STARFACE_PASSWORD}",
        };
        var environment = new Dictionary<string, string>
        {
            ["STARFACE_PASSWORD"] = starfacePassword,
            ["BC_CLIENT_SECRET"] = FakeBusinessCentral.ClientSecret,
        };
        var host = await VendorSyncHost.StartAsync(ConnectorId, "Starface.Cti", settings, environment, runWorker);
        return new StarfaceSyncBed(host, starface, businessCentral);
    }

    /// <summary>A core user with CTI settings; the extension is first made an internal number at STARFACE.</summary>
    public async Task<Guid> CreateCtiUserAsync(string username, string firstName, string lastName, string extension, string? ctiGroup = null)
    {
        Starface.AddInternalNumber(extension);
        var id = await Host.CreateUserAsync(username, firstName, lastName);
        await Host.PutUserSettingsAsync(id, ctiGroup is null
            ? new { ctiActive = true, extension }
            : new { ctiActive = true, extension, ctiGroup });
        return id;
    }

    public JsonObject StarfaceUser(string login) =>
        Starface.Users.Single(u => u["login"]!.GetValue<string>() == login);

    /// <summary>
    /// Changes a user directly at STARFACE, as an administrator in its web UI would: through the REST API,
    /// with its own login handshake.
    /// </summary>
    public async Task EditAtStarfaceAsync(int starfaceId, Action<JsonObject> edit)
    {
        using var admin = new HttpClient { BaseAddress = Starface.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Version", "2");
        var template = (await admin.GetFromJsonAsync<JsonObject>("rest/login"))!;
        var nonce = template["nonce"]!.GetValue<string>();
        var login = await admin.PostAsJsonAsync("rest/login", new
        {
            loginType = "Internal",
            nonce,
            secret = FakeStarface.ExpectedSecret(FakeStarface.Login, nonce, FakeStarface.Password),
        });
        login.EnsureSuccessStatusCode();
        admin.DefaultRequestHeaders.Add("authToken", (await login.ReadObjectAsync())["token"]!.GetValue<string>());

        var user = (await admin.GetFromJsonAsync<JsonObject>($"rest/users/{starfaceId}"))!;
        edit(user);
        (await admin.PutAsync($"rest/users/{starfaceId}", new StringContent(user.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Starface.DisposeAsync();
        await BusinessCentral.DisposeAsync();
    }
}
