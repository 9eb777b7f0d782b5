using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Testing;

namespace CommPeak.Dialer.Tests;

/// <summary>The CommPeak plugin wired like the host does it, pointed at a fake CommPeak on loopback.</summary>
internal sealed class CommPeakTestBed : IAsyncDisposable
{
    private CommPeakTestBed(FakeCommPeak commPeak, PluginHarness harness)
    {
        CommPeak = commPeak;
        Harness = harness;
    }

    public FakeCommPeak CommPeak { get; }

    public PluginHarness Harness { get; }

    public InMemoryDirectory Directory => Harness.Directory;

    public static JsonObject ConnectorSettings(Uri baseUrl, string password = FakeCommPeak.DefaultPassword, JsonArray? undocumentedFieldNames = null,
        bool updateSendsMemberships = false)
    {
        var settings = new JsonObject
        {
            ["baseUrl"] = baseUrl.AbsoluteUri,
            ["apiUsername"] = FakeCommPeak.ApiUser,
            ["apiPassword"] = password,
        };
        if (undocumentedFieldNames is not null)
        {
            settings["undocumentedFieldNames"] = undocumentedFieldNames;
        }
        if (updateSendsMemberships)
        {
            settings["updateSendsMemberships"] = true;
        }
        return settings;
    }

    public static async Task<CommPeakTestBed> StartAsync(string password = FakeCommPeak.DefaultPassword, JsonArray? undocumentedFieldNames = null,
        bool updateSendsMemberships = false)
    {
        var commPeak = await FakeCommPeak.StartAsync();
        var harness = PluginHarness.Create<CommPeakDialerModule>(CommPeakDialerModule.Id,
            ConnectorSettings(commPeak.BaseAddress, password, undocumentedFieldNames, updateSendsMemberships));
        return new CommPeakTestBed(commPeak, harness);
    }

    public UserSnapshot AddUser(string username, string? email = "auto") =>
        Directory.AddUser(username, "Ann", "Lee", email == "auto" ? $"{username}@example.com" : email);

    public Task<SettingsPutOutcome> PutAsync(Guid userId, string json) => Harness.PutUserSettingsAsync(userId, JsonNode.Parse(json)!.AsObject());

    /// <summary>A user with stored CommPeak settings (checked like an API call; fails the test when refused).</summary>
    public async Task<UserSnapshot> AddAgentAsync(string username, string json = """{"roles":["1"]}""")
    {
        var user = AddUser(username);
        var outcome = await PutAsync(user.Id, json);
        outcome.Errors.ShouldBeEmpty();
        return user;
    }

    public Task<Projection> ProjectAsync(Guid userId) => Harness.Send(new ProjectUser(Directory.ContextOf(userId)));

    /// <summary>The calls CommPeak received, as "METHOD path?query", in order.</summary>
    public IReadOnlyList<string> CallLines() => [.. CommPeak.Calls.Select(c => $"{c.Method} {c.Path}")];

    public Task<PushResult> PushAsync(Guid userId, PushOperation operation = PushOperation.Upsert, string? vendorId = null) =>
        Harness.Send(new PushUser(Directory.ContextOf(userId), operation, vendorId, "key-" + Guid.NewGuid().ToString("N")));

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await CommPeak.DisposeAsync();
    }
}
