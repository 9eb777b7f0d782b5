using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.Sync;
using Microsoft.Extensions.Logging;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests;

/// <summary>
/// Actions with a declared input, through the real host with the sample connector and its fake vendor: the host
/// checks the input, hands over the vendor id the sync engine recorded, runs vendor-only actions outside the write
/// transaction, and keeps show-once results out of the database, the audit and the logs.
/// </summary>
public sealed class ConnectorActionTests
{
    private const string RotateKey = "/api/connectors/sample/actions/rotate-api-key";

    [Fact]
    public async Task GetConnector_ActionWithInput_ShowsInputFieldsAndVendorOnlyFlag()
    {
        await using var bed = await SyncTestBed.StartAsync();

        var connector = await (await bed.Host.Client.GetAsync("/api/connectors/sample")).ReadObjectAsync();

        var action = connector["actions"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "rotate-api-key")!;
        action["vendorOnly"]!.GetValue<bool>().ShouldBeTrue();
        var reason = action["input"]!.AsArray().ShouldHaveSingleItem()!;
        reason["key"]!.GetValue<string>().ShouldBe("reason");
        reason["required"]!.GetValue<bool>().ShouldBeTrue();
        reason["type"]!.ToString().ShouldBe("string");
    }

    [Theory]
    [InlineData("{}", "reason", "Reason is required.")]
    [InlineData("""{"reason":"ok"}""", "reason", "Reason must be at least 3 characters long.")]
    [InlineData("""{"reason":"lost laptop","reasn":"x"}""", "reasn", "'reasn' is not a known field.")]
    public async Task PostAction_InputBreaksDeclaredFields_400ProblemNamingFieldAndVendorNotCalled(string body, string field, string message)
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("ina", "100");
        await bed.DeliverAsync(id);

        var response = await bed.Host.Client.PostAsync($"{RotateKey}?userId={id}", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain(message);
        bed.Vendor.IssuedApiKeys.ShouldBeEmpty();
        bed.Vendor.Writes.ShouldNotContain(w => w.StartsWith("api-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAction_QueryValueOfDeclaredType_ConvertedBeforeTheCheck()
    {
        await using var bed = await SyncTestBed.StartAsync();

        // "notes" declares no input: a query value is an unknown field, answered like a body field.
        var response = await bed.Host.Client.GetAsync("/api/connectors/sample/actions/notes?limit=5");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["limit"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PostAction_UserPushedToVendor_ActionReceivesRecordedVendorId()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("ida", "101");
        await bed.DeliverAsync(id);
        var link = (await bed.LinkAsync(id)).ShouldNotBeNull();

        var response = await bed.Host.Client.PostAsJsonAsync($"{RotateKey}?userId={id}", new { reason = "lost laptop" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadObjectAsync())["vendorId"]!.GetValue<string>().ShouldBe(link.VendorId);
        bed.Vendor.Writes.ShouldContain($"api-key {link.VendorId}");
    }

    [Fact]
    public async Task PostAction_UserNotPushedYet_ActionSeesNoVendorId409()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("nia", "102");

        var response = await bed.Host.Client.PostAsJsonAsync($"{RotateKey}?userId={id}", new { reason = "first key" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("has not been pushed to the vendor yet");
    }

    [Fact]
    public async Task PostAction_ShowOnceResult_ReturnedNoStoreButNeverInDatabaseAuditOrLogs()
    {
        var logs = new CapturedLogs(LogLevel.Information);
        await using var bed = await SyncTestBed.StartAsync(logging: l => l.AddProvider(logs));
        var id = await bed.CreateSyncedUserAsync("ola", "103");
        await bed.DeliverAsync(id);

        var response = await bed.Host.Client.PostAsJsonAsync($"{RotateKey}?userId={id}", new { reason = "rotation" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var key = (await response.ReadObjectAsync())["apiKey"]!.GetValue<string>();
        key.ShouldBe(bed.Vendor.IssuedApiKeys.ShouldHaveSingleItem());

        var audit = await (await bed.Host.Client.GetAsync("/api/audit?pageSize=200")).Content.ReadAsStringAsync();
        audit.ShouldNotContain(key);
        logs.Entries.ShouldNotContain(e => e.Message.Contains(key, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(bed.Host.Directory, "host.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Encoding.UTF8.GetString(bytes).ShouldNotContain(key, customMessage: Path.GetFileName(file));
        }
    }

    [Fact]
    public async Task PostAction_VendorOnlyActionWaitingForVendor_OtherWritesGoThrough()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("uma", "104");
        await bed.DeliverAsync(id);
        bed.Vendor.HoldApiKeys();

        var action = bed.Host.Client.PostAsJsonAsync($"{RotateKey}?userId={id}", new { reason = "held at vendor" });
        await bed.Vendor.ApiKeyRequested.WaitAsync(TimeSpan.FromSeconds(10));

        // While the vendor holds the action's call, a write of another request must not wait for it.
        var write = bed.Host.Client.PostAsJsonAsync("/api/users", new { username = "writer", firstName = "W", lastName = "R" });
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(5)));
        bed.Vendor.ReleaseApiKeys();

        (finished == write).ShouldBeTrue("the user create waited for the vendor-only action");
        (await write).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await action).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task PostAction_VendorOnlyActionReportsSettings_KeptAndAuditedAsTheConnector()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("lia", "102");

        var response = await bed.Host.Client.PostAsJsonAsync($"/api/connectors/sample/actions/adopt-level?userId={id}", new { level = 5 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var settings = await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/sample")).ReadObjectAsync();
        settings["settings"]!["level"]!.GetValue<int>().ShouldBe(5);
        settings["version"]!.GetValue<int>().ShouldBe(2);
        var latest = (await bed.Host.Client.GetFromJsonAsync<JsonObject>("/api/audit?entityType=UserConnectorSetting"))!["items"]!.AsArray()[0]!;
        latest["actor"]!.GetValue<string>().ShouldBe("connector:sample");
        latest["action"]!.GetValue<string>().ShouldBe("updated");
    }

    [Fact]
    public async Task GetAction_ReadOnlyActionReportsSettings_NothingWritten()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("lou", "103");

        var response = await bed.Host.Client.GetAsync($"/api/connectors/sample/actions/peek-level?userId={id}&level=5");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadObjectAsync())["level"]!.GetValue<int>().ShouldBe(5);
        // A GET changes nothing: the stored level stays the schema's default and the document keeps its version.
        var settings = await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/sample")).ReadObjectAsync();
        settings["settings"]!["level"]!.GetValue<int>().ShouldBe(3);
        settings["version"]!.GetValue<int>().ShouldBe(1);
    }
}
