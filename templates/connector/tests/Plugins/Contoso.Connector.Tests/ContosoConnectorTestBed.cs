using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Testing;

namespace Contoso.Connector.Tests;

/// <summary>The plugin wired as the host wires it (PluginHarness), against the fake vendor.</summary>
internal sealed class ContosoConnectorTestBed : IAsyncDisposable
{
    private ContosoConnectorTestBed(FakeContosoConnectorVendor vendor, PluginHarness harness)
    {
        Vendor = vendor;
        Harness = harness;
    }

    public FakeContosoConnectorVendor Vendor { get; }

    public PluginHarness Harness { get; }

    /// <summary>Connector settings as plugins.json holds them, pointing at <paramref name="baseUrl"/>.</summary>
    public static JsonObject ConnectorSettings(Uri baseUrl, int timeoutSeconds = 30) => new()
    {
        ["baseUrl"] = baseUrl.AbsoluteUri,
        ["apiKey"] = FakeContosoConnectorVendor.ApiKey,
        ["requestTimeoutSeconds"] = timeoutSeconds,
    };

    public static async Task<ContosoConnectorTestBed> StartAsync()
    {
        var vendor = await FakeContosoConnectorVendor.StartAsync();
        return new ContosoConnectorTestBed(vendor, PluginHarness.Create<ContosoConnectorModule>(ContosoConnectorModule.Id, ConnectorSettings(vendor.BaseAddress)));
    }

    /// <summary>A user with the given extension stored as the API would store it (fails the test when refused).</summary>
    public async Task<UserSnapshot> AddUserAsync(string username, string extension)
    {
        var user = Harness.Directory.AddUser(username, "Test", username, $"{username}@example.com");
        var outcome = await Harness.PutUserSettingsAsync(user.Id, new JsonObject { ["extension"] = extension });
        outcome.Errors.ShouldBeEmpty();
        return user;
    }

    public Task<PushResult> PushAsync(Guid userId, string? vendorId = null, PushOperation operation = PushOperation.Upsert) =>
        Harness.Send(new PushUser(Harness.Directory.ContextOf(userId), operation, vendorId, Guid.NewGuid().ToString()));

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Vendor.DisposeAsync();
    }
}
