using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>API keys: shown once, stored hashed, revocable, last use recorded, named in the audit; the bootstrap key.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task CreateApiKey_UsedThenRevoked_ShownOnceHashedAtRestAndRefusedAfterRevoke()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var response = await host.Client.PostAsJsonAsync("/api/admin/api-keys", new { name = "nightly import", role = "operator" });
        var created = await response.ReadObjectAsync();
        var key = created["key"]!.GetValue<string>();
        var id = created["apiKey"]!["id"]!.GetValue<Guid>();
        using var client = host.ClientWithKey(key);

        var used = await client.GetAsync("/api/users");
        var listed = (await host.Client.GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!.Single(k => k!["name"]!.GetValue<string>() == "nightly import")!;
        var revoke = await host.Client.DeleteAsync($"/api/admin/api-keys/{id}");
        var afterRevoke = await client.GetAsync("/api/users");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var databaseBytes = await File.ReadAllBytesAsync(host.DatabaseFile);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        key.ShouldStartWith("chk_");
        used.StatusCode.ShouldBe(HttpStatusCode.OK);
        listed.ToJsonString().ShouldNotContain(key);
        listed["lastUsedAt"].ShouldNotBeNull();
        listed["role"]!.GetValue<string>().ShouldBe("operator");
        revoke.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterRevoke.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Encoding.UTF8.GetString(databaseBytes).ShouldNotContain(key[4..], customMessage: "only the key's hash is stored");
    }

    [Fact]
    public async Task UseKey_WhileAnotherWriterHoldsTheDatabase_ReadAnsweredAndLastUseKeptAcrossRestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        HttpStatusCode whileLocked;
        await using (var first = await TestHost.StartAsync(directory: directory, runSyncWorker: false))
        {
            first.KeepDirectory = true;
            var key = await AccessTestData.CreateKeyAsync(first, "reporting", "readOnly");
            using var client = first.ClientWithKey(key);

            // A fail-mode import holds the write lock for its whole file; a read with a key must not wait for it
            // (recording the key's first use used to, and answered 503 "Database busy" after the busy timeout).
            await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={first.DatabaseFile};Pooling=False"))
            {
                await writer.OpenAsync();
                await using var begin = writer.CreateCommand();
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
                whileLocked = (await client.GetAsync("/api/users")).StatusCode;
                await using var rollback = writer.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            var listed = (await first.Client.GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!.Single(k => k!["name"]!.GetValue<string>() == "reporting")!;
            listed["lastUsedAt"].ShouldNotBeNull("the listing shows a use not yet written");
        }

        await using var second = await TestHost.StartAsync(directory: directory, runSyncWorker: false);
        var afterRestart = (await second.Client.GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!.Single(k => k!["name"]!.GetValue<string>() == "reporting")!;

        whileLocked.ShouldBe(HttpStatusCode.OK);
        afterRestart["lastUsedAt"].ShouldNotBeNull("the use is written at the latest when the host stops");
    }

    [Fact]
    public async Task Change_MadeWithAKey_AuditNamesTheKey()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var key = await AccessTestData.CreateKeyAsync(host, "hr-sync", "operator");
        using var client = host.ClientWithKey(key);

        var created = await (await client.PostAsJsonAsync("/api/users", new { username = "dana", firstName = "Dana", lastName = "Fox" })).ReadObjectAsync();
        var audit = await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=User&entityId={created["id"]}");
        var keyAudit = await host.Client.GetFromJsonAsync<JsonObject>("/api/audit?entityType=ApiKey");

        audit!["items"]![0]!["actor"]!.GetValue<string>().ShouldBe("api-key:hr-sync");
        keyAudit!["items"]!.AsArray().ShouldNotBeEmpty();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        keyAudit.ToJsonString().ShouldNotContain(hash, customMessage: "the audit shows that a key hash was set, never the hash");
        keyAudit.ToJsonString().ShouldContain("***");
    }

    [Fact]
    public async Task BootstrapKey_RestartWithAnotherValue_OldValueRefusedNewAccepted()
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        await using (var first = await TestHost.StartAsync(directory: directory, runSyncWorker: false))
        {
            first.KeepDirectory = true;
            (await first.Client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        const string rotated = "rotated-bootstrap-key-0a1b2c3d";
        await using var second = await TestHost.StartAsync(directory: directory, runSyncWorker: false,
            environment: new Dictionary<string, string> { [TestHost.BootstrapKeyVariable] = rotated });

        (await second.Client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old value no longer works");
        using var client = second.ClientWithKey(rotated);
        (await client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!.Count(k => k!["name"]!.GetValue<string>() == "bootstrap").ShouldBe(1);
    }

    [Fact]
    public async Task BootstrapKey_RevokedThenRestartWithSameValue_AcceptedAgain()
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectorhost-tests", Guid.NewGuid().ToString("N"));
        await using (var first = await TestHost.StartAsync(directory: directory, runSyncWorker: false))
        {
            first.KeepDirectory = true;
            var other = await AccessTestData.CreateKeyAsync(first, "second admin", "administrator");
            using var client = first.ClientWithKey(other);
            var bootstrap = (await client.GetFromJsonAsync<JsonArray>("/api/admin/api-keys"))!.Single(k => k!["name"]!.GetValue<string>() == "bootstrap")!;
            (await client.DeleteAsync($"/api/admin/api-keys/{bootstrap["id"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await first.Client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // The start's quick "already in place" check must see the revocation and let the full bootstrap un-revoke it.
        await using var second = await TestHost.StartAsync(directory: directory, runSyncWorker: false);

        (await second.Client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bearer_UnknownKey_UnauthorizedWithBearerChallenge()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        using var client = host.ClientWithKey("chk_not-a-real-key");

        var response = await client.GetAsync("/api/users");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }
}
