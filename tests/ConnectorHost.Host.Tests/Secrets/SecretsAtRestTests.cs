using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Host.Tests.Sync;
using ConnectorHost.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Host.Tests.Secrets;

/// <summary>
/// Secrets written through the API reach the vendor in clear and the database only encrypted (Data Protection, key
/// ring in the data folder); write-only secrets leave the host after their push.
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string Pin = "pin-Zq8-5531";
    private const string InitialPassword = "init-Pw-77812-xK";
    private static readonly byte[] OldAvatar = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    [Fact]
    public async Task Sync_SecretsWrittenThroughApi_VendorGetsClearValuesAndDatabaseFilesNeverHoldThem()
    {
        var logs = new CapturedLogs(LogLevel.Information);
        await using var bed = await SyncTestBed.StartAsync(logging: b => b.AddProvider(logs));
        var id = (await bed.Host.CreateUserAsync("sam"))["id"]!.GetValue<Guid>();

        var put = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4711", pin = Pin, initialPassword = InitialPassword });
        put.EnsureSuccessStatusCode();
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var atVendor = bed.Vendor.Users.Single();
        atVendor["pin"]!.GetValue<string>().ShouldBe(Pin);
        atVendor["initialPassword"]!.GetValue<string>().ShouldBe(InitialPassword);
        // A refused value names the field, never the value.
        var refused = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4711", pin = Pin, initialPassword = "short" + Pin[..1] });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadAsStringAsync();
        problem.ShouldContain("initialPassword");
        problem.ShouldNotContain(Pin);
        foreach (var file in DatabaseFiles(bed.Host))
        {
            var bytes = await ReadSharedAsync(file);
            ContainsText(bytes, Pin).ShouldBeFalse($"{Path.GetFileName(file)} holds the PIN in clear");
            ContainsText(bytes, InitialPassword).ShouldBeFalse($"{Path.GetFileName(file)} holds the initial password in clear");
        }
        DatabaseFiles(bed.Host).ShouldContain(f => f.EndsWith("-wal", StringComparison.Ordinal), "the WAL file must be checked too");
        var responses = await put.Content.ReadAsStringAsync()
            + await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/sample")).Content.ReadAsStringAsync()
            + await (await bed.Host.Client.GetAsync("/api/audit?entityType=UserConnectorSetting")).Content.ReadAsStringAsync();
        responses.ShouldNotContain(Pin);
        responses.ShouldNotContain(InitialPassword);
        logs.Entries.ShouldNotContain(l => l.Message.Contains(Pin) || l.Message.Contains(InitialPassword));
    }

    [Fact]
    public async Task WriteOnlySecret_AfterPush_ErasedGetShowsSetAtAndDatabaseHoldsNotEvenCiphertext()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = (await bed.Host.CreateUserAsync("tia"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";
        (await bed.Host.Client.PutAsJsonAsync(path, new { badge = "4712", pin = Pin, initialPassword = InitialPassword })).EnsureSuccessStatusCode();
        var before = await (await bed.Host.Client.GetAsync(path)).ReadObjectAsync();
        before["secrets"]!["initialPassword"]!["stored"]!.GetValue<bool>().ShouldBeTrue();
        var setAt = before["secrets"]!["initialPassword"]!["setAt"]!.GetValue<DateTime>();
        var ciphertext = JsonNode.Parse(await StoredJsonAsync(bed.Host, id))!["initialPassword"]!["$protected"]!.GetValue<string>();
        ciphertext.Length.ShouldBeGreaterThan(50);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Vendor.Users.Single()["initialPassword"]!.GetValue<string>().ShouldBe(InitialPassword);
        var after = await (await bed.Host.Client.GetAsync(path)).ReadObjectAsync();
        after["settings"]!["initialPassword"]!.GetValue<string>().ShouldBe("********");
        after["secrets"]!["initialPassword"]!["stored"]!.GetValue<bool>().ShouldBeFalse();
        after["secrets"]!["initialPassword"]!["setAt"]!.GetValue<DateTime>().ShouldBe(setAt);
        after["secrets"]!["pin"]!["stored"]!.GetValue<bool>().ShouldBeTrue("an ordinary secret stays for later pushes");
        (await StoredJsonAsync(bed.Host, id)).ShouldNotContain(ciphertext);
        // Erasing is bookkeeping, not a change for the vendor: nothing new is queued.
        (await bed.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        await CheckpointAsync(bed.Host);
        foreach (var file in DatabaseFiles(bed.Host))
        {
            ContainsText(await ReadSharedAsync(file), ciphertext).ShouldBeFalse($"{Path.GetFileName(file)} still holds the erased secret's ciphertext");
        }

        // A form sends the mask back with another change: the secret stays "set", the vendor is not sent it again.
        var masked = after["settings"]!.AsObject();
        masked["badge"] = "4713";
        var edit = await bed.Host.Client.PutAsJsonAsync(path, masked);
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var edited = await edit.ReadObjectAsync();
        edited["secrets"]!["initialPassword"]!["setAt"]!.GetValue<DateTime>().ShouldBe(setAt);
        edited["secrets"]!["initialPassword"]!["stored"]!.GetValue<bool>().ShouldBeFalse();
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var updated = bed.Vendor.Users.Single();
        updated["badge"]!.GetValue<string>().ShouldBe("4713");
        updated.ContainsKey("initialPassword").ShouldBeFalse();
        updated["pin"]!.GetValue<string>().ShouldBe(Pin);
    }

    [Fact]
    public async Task Restart_SameDataFolder_StoredSecretsStillDecryptForThePush()
    {
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        Guid id;
        await using (var first = await StartAsync(vendor, directory))
        {
            first.KeepDirectory = true;
            id = (await first.CreateUserAsync("uli"))["id"]!.GetValue<Guid>();
            (await first.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4714", pin = Pin })).EnsureSuccessStatusCode();
        }
        Directory.EnumerateFiles(Path.Combine(directory, "keys"), "key-*.xml").ShouldNotBeEmpty("the key ring lives next to the database");

        await using var second = await StartAsync(vendor, directory);
        (await DeliverAsync(second, id)).ShouldBe(DeliveryOutcome.Delivered);

        vendor.Users.Single()["pin"]!.GetValue<string>().ShouldBe(Pin);
    }

    [Fact]
    public async Task Restart_KeyRingLost_SecretTreatedAsNotSetAndCanBeEnteredAgain()
    {
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        Guid id;
        await using (var first = await StartAsync(vendor, directory))
        {
            first.KeepDirectory = true;
            id = (await first.CreateUserAsync("vic"))["id"]!.GetValue<Guid>();
            (await first.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4715", pin = Pin })).EnsureSuccessStatusCode();
        }
        Directory.Delete(Path.Combine(directory, "keys"), recursive: true);
        var logs = new CapturedLogs(LogLevel.Information);

        await using var second = await StartAsync(vendor, directory, logs);
        (await DeliverAsync(second, id)).ShouldBe(DeliveryOutcome.Delivered);
        vendor.Users.Single().ContainsKey("pin").ShouldBeFalse("an undecryptable secret is not sent");
        logs.Entries.ShouldContain(l => l.Message.Contains("'pin' cannot be decrypted"));
        (await second.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4715", pin = "pin-new-9001" })).EnsureSuccessStatusCode();
        (await DeliverAsync(second, id)).ShouldBe(DeliveryOutcome.Delivered);

        vendor.Users.Single()["pin"]!.GetValue<string>().ShouldBe("pin-new-9001");
    }

    [Fact]
    public async Task Start_DatabaseWithClearSecretAndEmbeddedFileFromBefore_SealsAndMovesThemWithoutQueuingAPush()
    {
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        Guid id;
        await using (var first = await StartAsync(vendor, directory))
        {
            first.KeepDirectory = true;
            id = (await first.CreateUserAsync("wes"))["id"]!.GetValue<Guid>();
            (await first.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4716" })).EnsureSuccessStatusCode();
            (await DeliverAsync(first, id)).ShouldBe(DeliveryOutcome.Delivered);
            // What a database written before encryption at rest holds.
            await using var scope = first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database
                .ExecuteSqlRawAsync("UPDATE UserConnectorSettings SET Json = {0}",
                    $"{{\"badge\":\"4716\",\"level\":3,\"pin\":\"{Pin}\",\"avatar\":{{\"fileName\":\"old.png\",\"contentType\":\"image/png\",\"data\":\"{Convert.ToBase64String(OldAvatar)}\"}}}}");
        }

        await using var second = await StartAsync(vendor, directory);

        var upgraded = JsonNode.Parse(await StoredJsonAsync(second, id))!.AsObject();
        upgraded.ToJsonString().ShouldNotContain(Pin);
        upgraded["avatar"]!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(OldAvatar)));
        upgraded["avatar"]!.AsObject().ContainsKey("data").ShouldBeFalse();
        (await PendingJobsAsync(second)).ShouldBe(0);
        await CheckpointAsync(second);
        ContainsText(await ReadSharedAsync(second.DatabaseFile), Pin).ShouldBeFalse();
        (await second.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "4717", pin = "********" })).EnsureSuccessStatusCode();
        (await DeliverAsync(second, id)).ShouldBe(DeliveryOutcome.Delivered);
        vendor.Users.Single()["pin"]!.GetValue<string>().ShouldBe(Pin);
    }

    private static Task<TestHost> StartAsync(FakeDirectoryVendor vendor, string directory, CapturedLogs? logs = null) =>
        TestHost.StartAsync(
            TestHost.PluginsJson(("sample", "TestPlugins.Sample", new JsonObject { ["vendorUrl"] = vendor.BaseAddress.ToString(), ["apiKey"] = FakeDirectoryVendor.ApiKey })),
            directory: directory, runSyncWorker: false, logging: b =>
            {
                if (logs is not null)
                {
                    b.AddProvider(logs);
                }
            });

    private static async Task<DeliveryOutcome> DeliverAsync(TestHost host, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncDelivery>().DeliverAsync("sample", SyncEntityType.User, userId, CancellationToken.None);
    }

    private static async Task<string> StoredJsonAsync(TestHost host, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<HostDbContext>().UserConnectorSettings.AsNoTracking().SingleAsync(s => s.UserId == userId)).Json;
    }

    private static async Task<int> PendingJobsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs.CountAsync(j => j.Status == SyncJobStatus.Pending);
    }

    /// <summary>Moves the WAL into the main file and truncates it, as SQLite does by itself from time to time.</summary>
    private static async Task CheckpointAsync(TestHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    private static IReadOnlyList<string> DatabaseFiles(TestHost host) =>
        [.. new[] { host.DatabaseFile, host.DatabaseFile + "-wal" }.Where(File.Exists)];

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The text as UTF-8 (how SQLite stores it here) or UTF-16, anywhere in the bytes.</summary>
    private static bool ContainsText(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
