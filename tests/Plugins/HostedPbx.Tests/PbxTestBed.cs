using HostedPbx.Testing;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;
using HostedPbx;

namespace HostedPbx.Tests;

/// <summary>
/// The hosted PBX plugin wired like the host does it, with helpers that go through the same steps as the
/// host's API: generic schema validation first, then the connector's own validation.
/// </summary>
internal sealed class PbxTestBed : IAsyncDisposable
{
    public const string ApiKey = FakePbx.DefaultApiKey;
    public const string MainNumber = "+493012345670";
    public const string SalesNumber = "+493012345671";
    public const string ProvisioningServer = "sip.pbx.example.com";

    private PbxTestBed(PluginHarness harness) => Harness = harness;

    public PluginHarness Harness { get; }

    public InMemoryDirectory Directory => Harness.Directory;

    /// <summary>Connector settings as plugins.json would hold them.</summary>
    public static JsonObject ConnectorSettings(Uri? baseUrl = null, string? extra = null) =>
        JsonNode.Parse($$"""
        {
          "baseUrl": "{{baseUrl ?? new Uri("http://127.0.0.1:9/")}}",
          "apiKey": "{{ApiKey}}",
          "provisioningServer": "{{ProvisioningServer}}",
          "numberInventory": ["{{MainNumber}}", "030 12345671"]
          {{(extra is null ? "" : "," + extra)}}
        }
        """)!.AsObject();

    public static PbxTestBed Create(Uri? baseUrl = null, string? extra = null) =>
        new(PluginHarness.Create<HostedPbxConnector>(HostedPbxConnector.Id, ConnectorSettings(baseUrl, extra)));

    public async Task<IReadOnlyList<FieldSchema>> UserSchemaAsync() =>
        (await Harness.Send(new DescribeConnector())).Schema.User;

    /// <summary>Adds a user whose settings went through the schema (as stored by the host).</summary>
    public async Task<UserSnapshot> AddMemberAsync(string firstName, string lastName, string extension, string? settingsJson = null, string? email = null)
    {
        var settings = JsonNode.Parse(settingsJson ?? "{}")!.AsObject();
        settings["extension"] = extension;
        var stored = await Harness.ValidateSchemaAsync(await UserSchemaAsync(), JsonNode.Parse(settings.ToJsonString())!.AsObject());
        stored.Errors.ShouldBeEmpty();
        var username = $"{firstName}.{lastName}".ToLowerInvariant();
        return Directory.AddUser(username, firstName, lastName, email ?? $"{username}@example.com",
            settings: JsonNode.Parse(stored.Settings.ToJsonString())!.AsObject());
    }

    /// <summary>What a PUT of the user's settings answers: the schema's errors, else the connector's, and the document stored.</summary>
    public async Task<(IReadOnlyList<FieldError> Errors, JsonObject Stored)> PutSettingsAsync(Guid userId, string proposedJson)
    {
        var previous = Directory.UserSettings(userId);
        var proposed = JsonNode.Parse(proposedJson)!.AsObject();
        var generic = await Harness.ValidateSchemaAsync(await UserSchemaAsync(), proposed, previous);
        if (!generic.IsValid)
        {
            return (generic.Errors, generic.Settings);
        }
        var vendor = await Harness.Send(new ValidateUserSettings(Directory.ContextOf(userId, generic.Settings), previous));
        var stored = vendor.Settings ?? generic.Settings;
        if (vendor.Errors.Count == 0)
        {
            Directory.SetUserSettings(userId, stored);
        }
        return (vendor.Errors, stored);
    }

    public Task<ActionResult> InvokeAsync(string action, Guid? userId = null, string inputJson = "{}") =>
        Harness.Send(new InvokeAction(action, userId is { } id ? Directory.ContextOf(id) : null, null, JsonNode.Parse(inputJson)!.AsObject()));

    public async Task<JsonObject> InvokeJsonAsync(string action, Guid? userId = null, string inputJson = "{}")
    {
        var result = await InvokeAsync(action, userId, inputJson);
        return result.ShouldBeOfType<JsonActionResult>().Body.AsObject();
    }

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
