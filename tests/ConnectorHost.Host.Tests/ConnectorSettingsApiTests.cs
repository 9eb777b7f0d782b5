using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests;

public sealed class ConnectorSettingsApiTests
{
    [Fact]
    public async Task Put_SchemaViolations_Returns400NamingEachFieldAndStoresNothing()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("frank"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { level = 9, team = "green", pin = "12", shoe = 42 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key);
        errors.ShouldBe(["badge", "level", "team", "pin", "shoe"], ignoreOrder: true);
        var stored = await (await host.Client.GetAsync($"/api/users/{id}/connectors/sample")).ReadObjectAsync();
        stored["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Put_VendorRuleDuplicateBadge_Returns409NamingBadgeAndOtherUser()
    {
        await using var host = await TestHost.StartAsync();
        var first = (await host.CreateUserAsync("gina"))["id"]!.GetValue<Guid>();
        var second = (await host.CreateUserAsync("hank"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{first}/connectors/sample", new { badge = "1234" })).EnsureSuccessStatusCode();

        var response = await host.Client.PutAsJsonAsync($"/api/users/{second}/connectors/sample", new { badge = "1234" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["badge"]![0]!.GetValue<string>().ShouldContain("gina");
    }

    [Fact]
    public async Task Get_SecretField_IsMaskedInResponseAndAudit_AndMaskRoundTripKeepsIt()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("ivy"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "555", pin = "98765" })).EnsureSuccessStatusCode();

        var got = await host.Client.GetAsync($"/api/users/{id}/connectors/sample");
        var settings = (await got.ReadObjectAsync())["settings"]!;
        settings["pin"]!.GetValue<string>().ShouldBe("********");
        settings["level"]!.GetValue<int>().ShouldBe(3);

        // Sending the mask back (as a form would) keeps the stored secret; changing another field works.
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}/connectors/sample") { Content = JsonContent.Create(new { badge = "556", pin = "********" }) };
        put.Headers.IfMatch.Add(got.Headers.ETag!);
        (await host.Client.SendAsync(put)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var audit = await (await host.Client.GetAsync("/api/audit?entityType=UserConnectorSetting")).Content.ReadAsStringAsync();
        audit.ShouldNotContain("98765");
        audit.ShouldContain("556");
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectorHost.Core.Persistence.HostDbContext>();
        // At rest the secret is ciphertext (see SecretsAtRestTests for the vendor and the database files).
        db.UserConnectorSettings.Single().Json.ShouldNotContain("98765");
        db.UserConnectorSettings.Single().Json.ShouldContain("$protected");
    }

    [Fact]
    public async Task Put_ReadOnlyAfterCreateChanged_Returns400NamingField()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("jack"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "777", login = "jack1" })).EnsureSuccessStatusCode();

        var response = await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "777", login = "jack2" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["login"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Put_UnknownConnector_Returns404()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("kim"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/nope", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Action_ProblemAfterWrite_RollsBackTheWrite()
    {
        await using var host = await TestHost.StartAsync();
        (await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/note", new { key = "kept", text = "a" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var failed = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/note", new { key = "dropped", text = "b", fail = true });

        failed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var notes = (await (await host.Client.GetAsync("/api/connectors/sample/actions/notes")).ReadNodeAsync()).AsArray();
        notes.Select(n => n!.GetValue<string>()).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Action_ImportWithRefusedRow_Returns400NamingRowAndCreatesNoUser()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync("taken");

        var response = await host.Client.PostAsJsonAsync("/api/connectors/sample/actions/import", new
        {
            users = new[] { "new1:100", "TAKEN:101" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("Row 2");
        (await host.CountAsync("/api/users")).ShouldBe(1);
    }

    [Fact]
    public async Task Action_UserFile_DownloadsWithContentTypeAndName()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("lena", "Lena", "Park"))["id"]!.GetValue<Guid>();
        (await host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "31337" })).EnsureSuccessStatusCode();

        var response = await host.Client.GetAsync($"/api/connectors/sample/actions/badge-card?userId={id}");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("lena.txt");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Badge 31337");
    }

    [Fact]
    public async Task Action_UserActionWithoutUserId_Returns400NamingUserId()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync("/api/connectors/sample/actions/badge-card");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["userId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheApi()
    {
        await using var host = await TestHost.StartAsync();

        var doc = await (await host.Client.GetAsync("/openapi/v1.json")).ReadObjectAsync();

        doc["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/users/{id}/connectors/{connectorId}");
        doc["paths"]!.AsObject().Select(p => p.Key).ShouldContain("/api/roles/{id}/connectors/{connectorId}");
    }
}
