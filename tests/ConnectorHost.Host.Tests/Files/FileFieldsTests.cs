using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using ConnectorHost.Host.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.Files;

/// <summary>
/// Uploaded files (the sample connector's 8 MB avatar field) are stored apart from the settings JSON, once per
/// content, and the document keeps a reference; the plugin still gets the bytes when it pushes.
/// </summary>
public sealed class FileFieldsTests
{
    private const int EightMegabytes = 8 * 1024 * 1024;

    [Fact]
    public async Task Put_AvatarUploaded_ResponseAndGetShowReferenceNotBytesAndAuditRecordsHash()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("ada"))["id"]!.GetValue<Guid>();
        var png = Png(4096, seed: 1);
        var base64 = Convert.ToBase64String(png);

        var put = await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "301", avatar = new { fileName = @"C:\fakepath\me.png", data = base64 } });

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var sha = Sha(png);
        foreach (var body in new[] { await put.ReadObjectAsync(), await (await host.Client.GetAsync($"/api/users/{id}/connectors/sample")).ReadObjectAsync() })
        {
            var avatar = body["settings"]!["avatar"]!.AsObject();
            avatar["sha256"]!.GetValue<string>().ShouldBe(sha);
            avatar["size"]!.GetValue<long>().ShouldBe(png.Length);
            avatar["contentType"]!.GetValue<string>().ShouldBe("image/png");
            avatar["fileName"]!.GetValue<string>().ShouldBe("me.png");
            avatar.ContainsKey("data").ShouldBeFalse();
        }
        var audit = await (await host.Client.GetAsync("/api/audit?entityType=UserConnectorSetting")).Content.ReadAsStringAsync();
        audit.ShouldContain(sha);
        audit.ShouldNotContain(base64[..40]);
        (await StoredJsonAsync(host, id)).ShouldNotContain(base64[..40]);
        (await StoredFileAsync(host, sha)).ShouldBe(png);
    }

    [Fact]
    public async Task Put_SameFileForTwoUsers_StoredOnce()
    {
        await using var host = await TestHost.StartAsync();
        var png = Png(2048, seed: 2);
        foreach (var (name, badge) in new[] { ("bea", "302"), ("cyd", "303") })
        {
            var id = (await host.CreateUserAsync(name))["id"]!.GetValue<Guid>();
            (await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge, avatar = new { fileName = $"{name}.png", data = Convert.ToBase64String(png) } })).EnsureSuccessStatusCode();
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        (await db.StoredFiles.CountAsync()).ShouldBe(1);
        (await db.UserConnectorSettings.AsNoTracking().ToListAsync()).ShouldAllBe(s => s.Json.Contains(Sha(png)));
    }

    [Fact]
    public async Task Put_EightMegabyteAvatarAndOneByteMore_AcceptedThen400NamingTheField()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("dee"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";

        var accepted = await host.Client.PutAsJsonAsync(path, new { badge = "304", avatar = new { fileName = "big.png", data = Convert.ToBase64String(Png(EightMegabytes, seed: 3)) } });
        var refused = await host.Client.PutAsJsonAsync(path, new { badge = "304", avatar = new { fileName = "bigger.png", data = Convert.ToBase64String(Png(EightMegabytes + 1, seed: 4)) } });

        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await accepted.ReadObjectAsync())["settings"]!["avatar"]!["size"]!.GetValue<long>().ShouldBe(EightMegabytes);
        // The 8 MB stay out of the settings row, which every read of the user's settings loads.
        (await StoredJsonAsync(host, id)).Length.ShouldBeLessThan(1024);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.ReadObjectAsync();
        problem["errors"]!["avatar"]![0]!.GetValue<string>().ShouldContain($"at most {EightMegabytes} bytes");
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<HostDbContext>().StoredFiles.CountAsync()).ShouldBe(1, "a refused upload stores nothing");
    }

    [Fact]
    public async Task Sync_AvatarReference_PluginReceivesTheBytesAlsoAfterTheReferenceIsSentBack()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = (await bed.Host.CreateUserAsync("eli"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";
        var png = Png(100_000, seed: 5);
        (await bed.Host.Client.PutAsJsonAsync(path, new { badge = "305", avatar = new { fileName = "eli.png", data = Convert.ToBase64String(png) } })).EnsureSuccessStatusCode();

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var atVendor = bed.Vendor.Users.Single();
        atVendor["avatarBytes"]!.GetValue<int>().ShouldBe(png.Length);
        atVendor["avatarSha256"]!.GetValue<string>().ShouldBe(Sha(png));

        // A form sends the document back as it got it (with the reference): the file stays.
        var current = (await (await bed.Host.Client.GetAsync(path)).ReadObjectAsync())["settings"]!.AsObject();
        current["badge"] = "306";
        var edit = await bed.Host.Client.PutAsJsonAsync(path, current);
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        (await edit.ReadObjectAsync())["settings"]!["avatar"]!["sha256"]!.GetValue<string>().ShouldBe(Sha(png));
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Vendor.Users.Single()["badge"]!.GetValue<string>().ShouldBe("306");
        bed.Vendor.Users.Single()["avatarSha256"]!.GetValue<string>().ShouldBe(Sha(png));
    }

    [Fact]
    public async Task Put_ReferenceToAFileNeverStored_Returns400NamingTheField()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("fay"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample",
            new { badge = "307", avatar = new JsonObject { ["fileName"] = "x.png", ["sha256"] = new string('a', 64) } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["avatar"].ShouldNotBeNull();
    }

    /// <summary>Bytes that pass as PNG (the field checks content, not names), unique per seed.</summary>
    private static byte[] Png(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<string> StoredJsonAsync(TestHost host, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<HostDbContext>().UserConnectorSettings.AsNoTracking().SingleAsync(s => s.UserId == userId)).Json;
    }

    private static async Task<byte[]> StoredFileAsync(TestHost host, string sha)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<HostDbContext>().StoredFiles.AsNoTracking().SingleAsync(f => f.Sha256 == sha)).Content;
    }
}
