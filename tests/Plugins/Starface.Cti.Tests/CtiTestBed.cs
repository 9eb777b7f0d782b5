using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

/// <summary>
/// The plugin wired as the host wires it, pointed at a fake Business Central and a fake STARFACE on loopback.
/// Settings changes go through the generic schema validation and then the connector's validator, as the host does.
/// </summary>
internal sealed class CtiTestBed : IAsyncDisposable
{
    private CtiTestBed(FakeBusinessCentral bc, FakeStarface starface, PluginHarness harness)
    {
        BusinessCentral = bc;
        Starface = starface;
        Harness = harness;
    }

    public FakeBusinessCentral BusinessCentral { get; }
    public FakeStarface Starface { get; }
    public PluginHarness Harness { get; }
    public InMemoryDirectory Directory => Harness.Directory;

    public static async Task<CtiTestBed> StartAsync(Action<JsonObject>? adjustSettings = null)
    {
        var bc = await FakeBusinessCentral.StartAsync();
        var starface = await FakeStarface.StartAsync();
        var settings = Settings(bc, starface);
        adjustSettings?.Invoke(settings);
        return new CtiTestBed(bc, starface, PluginHarness.Create<StarfaceCtiModule>("starface-cti", settings));
    }

    public static JsonObject Settings(FakeBusinessCentral bc, FakeStarface? starface) => new()
    {
        ["businessCentralTenantId"] = FakeBusinessCentral.TenantId,
        ["businessCentralCompanyId"] = FakeBusinessCentral.CompanyId.ToString("D"),
        ["businessCentralCompanyName"] = "CRONUS AG",
        ["businessCentralClientId"] = FakeBusinessCentral.ClientId,
        ["businessCentralClientSecret"] = FakeBusinessCentral.ClientSecret,
        ["businessCentralTokenUrl"] = bc.TokenUrl.AbsoluteUri,
        ["businessCentralApiBaseUrl"] = bc.ApiBaseUrl.AbsoluteUri,
        ["starfaceBaseUrl"] = starface?.BaseAddress.AbsoluteUri ?? "http://127.0.0.1:1/",
        ["starfaceLogin"] = FakeStarface.Login,
        ["starfacePassword"] = FakeStarface.Password,
    };

    /// <summary>Adds a core user with first/last name and e-mail (STARFACE requires them).</summary>
    public UserSnapshot AddUser(string username, string? email = null) =>
        Directory.AddUser(username, char.ToUpperInvariant(username[0]) + username[1..], "Tester", email ?? $"{username}@example.com");

    /// <summary>What PUT /api/users/{id}/connectors/starface-cti does: schema rules, then the connector's rules; stores when valid.</summary>
    public async Task<IReadOnlyList<FieldError>> PutUserSettingsAsync(Guid userId, JsonObject proposed)
    {
        var schema = (await Harness.Send(new DescribeConnector())).Schema.User;
        var previous = Directory.UserSettings(userId);
        var generic = await Harness.ValidateSchemaAsync(schema, proposed, previous);
        if (!generic.IsValid)
        {
            return generic.Errors;
        }
        var result = await Harness.Send(new ValidateUserSettings(Directory.ContextOf(userId, generic.Settings), previous));
        if (result.Errors.Count == 0)
        {
            Directory.SetUserSettings(userId, result.Settings ?? generic.Settings);
        }
        return result.Errors;
    }

    /// <summary>Stores settings that must be valid.</summary>
    public async Task SetUpUserAsync(Guid userId, JsonObject proposed)
    {
        var errors = await PutUserSettingsAsync(userId, proposed);
        errors.ShouldBeEmpty(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    /// <summary>A CTI-active user with the given extension and optional settings.</summary>
    public async Task<UserSnapshot> AddCtiUserAsync(string username, string extension, string? group = null, Action<JsonObject>? adjust = null)
    {
        var user = AddUser(username);
        var settings = new JsonObject { ["ctiActive"] = true, ["extension"] = extension };
        if (group is not null)
        {
            settings["ctiGroup"] = group;
        }
        adjust?.Invoke(settings);
        await SetUpUserAsync(user.Id, settings);
        return user;
    }

    public Task<ActionResult> InvokeAsync(string action, JsonObject? input = null, Guid? userId = null) =>
        Harness.Send(new InvokeAction(action, userId is { } id ? Directory.ContextOf(id) : null, null, input ?? new JsonObject()));

    public async Task<JsonObject> InvokeJsonAsync(string action, JsonObject? input = null, Guid? userId = null)
    {
        var result = await InvokeAsync(action, input, userId);
        var json = result.ShouldBeOfType<JsonActionResult>($"expected JSON, got {result}");
        return json.Body.AsObject();
    }

    public async Task<ProblemActionResult> InvokeProblemAsync(string action, JsonObject? input = null, Guid? userId = null)
    {
        var result = await InvokeAsync(action, input, userId);
        return result.ShouldBeOfType<ProblemActionResult>($"expected a problem, got {result}");
    }

    public Task CreateGroupAsync(string groupId, string name) =>
        InvokeJsonAsync("create-cti-group", new JsonObject { ["groupId"] = groupId, ["name"] = name });

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await BusinessCentral.DisposeAsync();
        await Starface.DisposeAsync();
    }
}
