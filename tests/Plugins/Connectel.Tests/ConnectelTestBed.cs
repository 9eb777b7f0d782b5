using System.Text.Json.Nodes;
using Connectel.Testing;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;

namespace Connectel.Tests;

/// <summary>
/// The Connectel plugin wired like the host does it against a fake Connectel, with a helper that goes through the
/// same steps as the host's settings PUT: generic schema rules (with the profile list from the plugin), then the
/// connector's own rules.
/// </summary>
internal sealed class ConnectelTestBed : IAsyncDisposable
{
    private ConnectelTestBed(FakeConnectel connectel, PluginHarness harness, string salesProfile)
    {
        Connectel = connectel;
        Harness = harness;
        SalesProfile = salesProfile;
    }

    public FakeConnectel Connectel { get; }

    public PluginHarness Harness { get; }

    /// <summary>Id of the profile "Sales supervisors" the fake starts with.</summary>
    public string SalesProfile { get; }

    public InMemoryDirectory Directory => Harness.Directory;

    public static async Task<ConnectelTestBed> StartAsync(bool securitySuite = false, string? apiKey = null, string? extra = null, int internalNumberTo = 2099)
    {
        var connectel = await FakeConnectel.StartAsync(securitySuite: securitySuite);
        var profile = connectel.AddProfile("Sales supervisors", "agents", "queues", "reports");
        var settings = JsonNode.Parse($$"""
            {
              "baseUrl": "{{connectel.BaseAddress}}",
              "apiKey": "{{apiKey ?? FakeConnectel.DefaultApiKey}}",
              "securitySuite": {{(securitySuite ? "true" : "false")}},
              "internalNumberFrom": 2000,
              "internalNumberTo": {{internalNumberTo}}
              {{(extra is null ? "" : "," + extra)}}
            }
            """)!.AsObject();
        return new ConnectelTestBed(connectel, PluginHarness.Create<ConnectelModule>(ConnectelModule.Id, settings), profile);
    }

    public async Task<IReadOnlyList<FieldSchema>> UserSchemaAsync() => (await Harness.Send(new DescribeConnector())).Schema.User;

    public UserSnapshot AddUser(string firstName, string lastName, string? email = null) =>
        Directory.AddUser($"{firstName}.{lastName}".ToLowerInvariant(), firstName, lastName, email ?? $"{firstName.ToLowerInvariant()}@example.com");

    /// <summary>What a PUT of the user's settings answers: the errors (schema first, then the connector's), warnings, and the stored document.</summary>
    public async Task<(IReadOnlyList<FieldError> Errors, bool Conflict, IReadOnlyList<FieldWarning> Warnings, JsonObject Stored)> PutAsync(Guid userId, JsonObject proposed)
    {
        var previous = Directory.UserSettings(userId);
        var generic = await Harness.ValidateSchemaAsync(await UserSchemaAsync(), JsonNode.Parse(proposed.ToJsonString())!.AsObject(), previous);
        if (!generic.IsValid)
        {
            return (generic.Errors, false, generic.Warnings, generic.Settings);
        }
        var vendor = await Harness.Send(new ValidateUserSettings(Directory.ContextOf(userId, generic.Settings), previous));
        var stored = vendor.Settings ?? generic.Settings;
        if (vendor.Errors.Count == 0)
        {
            Directory.SetUserSettings(userId, stored);
        }
        return (vendor.Errors, vendor.IsConflict, [.. generic.Warnings, .. vendor.Warnings], stored);
    }

    /// <summary>A valid document for a User-role supervisor in the sales profile.</summary>
    public JsonObject Supervisor(string? extra = null)
    {
        var settings = JsonNode.Parse($$"""{ "role": "User", "userProfile": "{{SalesProfile}}", "password": "Start-Pass1" }""")!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(extra ?? "{}")!.AsObject())
        {
            settings[key] = value?.DeepClone();
        }
        return settings;
    }

    /// <summary>Pushes the user as the sync engine does and stores the settings patch as the host does.</summary>
    public async Task<PushResult> PushAsync(Guid userId, string? vendorId = null, PushOperation operation = PushOperation.Upsert)
    {
        var result = await Harness.Send(new PushUser(Directory.ContextOf(userId), operation, vendorId, Guid.NewGuid().ToString()));
        if (result.SettingsPatch is { } patch && Directory.UserSettings(userId) is { } stored)
        {
            foreach (var (key, value) in patch)
            {
                stored[key] = value?.DeepClone();
            }
        }
        return result;
    }

    public Task<ActionResult> InvokeAsync(string action, Guid? userId = null, string inputJson = "{}", string? vendorId = null) =>
        Harness.Send(new InvokeAction(action, userId is { } id ? Directory.ContextOf(id) : null, null, JsonNode.Parse(inputJson)!.AsObject()) { VendorId = vendorId });

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Connectel.DisposeAsync();
    }
}
