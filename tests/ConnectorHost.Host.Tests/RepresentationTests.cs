using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

/// <summary>What GET returns can be edited and sent back with PUT; PATCH takes a JSON merge patch (RFC 7396).</summary>
public sealed class RepresentationTests
{
    private static async Task<HttpResponseMessage> SendAsync(TestHost host, HttpMethod method, string path, JsonNode body, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await host.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PatchAsync(TestHost host, string path, JsonNode patch, string? ifMatch = null) =>
        SendAsync(host, HttpMethod.Patch, path, patch, ifMatch, "application/merge-patch+json");

    private static async Task<Guid> CreateAsync(TestHost host, string path, object body)
    {
        var response = await host.Client.PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.ReadObjectAsync())["id"]!.GetValue<Guid>();
    }

    [Theory]
    [InlineData("/api/users", "lastName")]
    [InlineData("/api/groups", "name")]
    [InlineData("/api/roles", "name")]
    public async Task Put_GetRepresentationEdited_Returns200WithTheEdit(string collection, string field)
    {
        await using var host = await TestHost.StartAsync();
        var id = collection == "/api/users"
            ? (await host.CreateUserAsync("sam", "Sam", "Old"))["id"]!.GetValue<Guid>()
            : await CreateAsync(host, collection, new { key = "k1", name = "Old" });
        var got = await host.Client.GetAsync($"{collection}/{id}");
        var representation = await got.ReadObjectAsync();

        representation[field] = "Edited";
        var response = await SendAsync(host, HttpMethod.Put, $"{collection}/{id}", representation, got.Headers.ETag!.Tag);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await host.Client.GetAsync($"{collection}/{id}")).ReadObjectAsync())[field]!.GetValue<string>().ShouldBe("Edited");
    }

    [Theory]
    [InlineData("username", "someone-else")]
    [InlineData("enabled", false)]
    [InlineData("id", "7d0a6c3e-0000-4000-8000-000000000001")]
    public async Task PutUser_ReadOnlyMemberChanged_Returns400NamingItAndChangesNothing(string member, object value)
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("tina", "Tina", "Old"))["id"]!.GetValue<Guid>();
        var representation = await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync();
        representation["lastName"] = "New";
        representation[member] = JsonValue.Create(value);

        var response = await SendAsync(host, HttpMethod.Put, $"/api/users/{id}", representation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]![member].ShouldNotBeNull();
        (await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync())["lastName"]!.GetValue<string>().ShouldBe("Old");
    }

    [Fact]
    public async Task PutRole_KeyChanged_Returns400NamingKey()
    {
        await using var host = await TestHost.StartAsync();
        var id = await CreateAsync(host, "/api/roles", new { key = "agent", name = "Agent" });
        var representation = await (await host.Client.GetAsync($"/api/roles/{id}")).ReadObjectAsync();
        representation["key"] = "supervisor";

        var response = await SendAsync(host, HttpMethod.Put, $"/api/roles/{id}", representation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["key"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PatchUser_MergePatch_ChangesGivenFieldsRemovesNullsKeepsTheRest()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("uma", "Uma", "Old", "uma@example.com"))["id"]!.GetValue<Guid>();

        var response = await PatchAsync(host, $"/api/users/{id}", new JsonObject { ["lastName"] = "New", ["email"] = null, ["attributes"] = new JsonObject { ["desk"] = "4.2" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var stored = await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync();
        stored["firstName"]!.GetValue<string>().ShouldBe("Uma");
        stored["lastName"]!.GetValue<string>().ShouldBe("New");
        stored["email"].ShouldBeNull();
        stored["attributes"]!["desk"]!.GetValue<string>().ShouldBe("4.2");
    }

    [Fact]
    public async Task PatchUser_InvalidValue_Returns400LikePutAndChangesNothing()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("vera", "Vera", "Old"))["id"]!.GetValue<Guid>();

        var response = await PatchAsync(host, $"/api/users/{id}", new JsonObject { ["email"] = "not-an-email", ["lastName"] = "New" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["email"].ShouldNotBeNull();
        (await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync())["lastName"]!.GetValue<string>().ShouldBe("Old");
    }

    [Fact]
    public async Task PatchUser_StaleIfMatch_Returns412()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("wim"))["id"]!.GetValue<Guid>();
        (await PatchAsync(host, $"/api/users/{id}", new JsonObject { ["lastName"] = "Two" }, "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PatchAsync(host, $"/api/users/{id}", new JsonObject { ["lastName"] = "Stale" }, "\"1\"");

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json-patch+json")]
    [InlineData("text/plain")]
    public async Task PatchUser_NotMergePatchContentType_Returns415ProblemWithAcceptPatch(string contentType)
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("xena"))["id"]!.GetValue<Guid>();

        var response = await SendAsync(host, HttpMethod.Patch, $"/api/users/{id}", new JsonObject { ["lastName"] = "New" }, contentType: contentType);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.GetValues("Accept-Patch").ShouldBe(["application/merge-patch+json"]);
    }

    [Fact]
    public async Task PatchUser_MergePatchWithCharset_Returns200()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("yara"))["id"]!.GetValue<Guid>();

        var response = await SendAsync(host, HttpMethod.Patch, $"/api/users/{id}", new JsonObject { ["lastName"] = "New" }, contentType: "application/merge-patch+json");
        var withCharset = new HttpRequestMessage(HttpMethod.Patch, $"/api/users/{id}") { Content = new StringContent("""{"firstName":"Yara"}""", Encoding.UTF8) };
        withCharset.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/merge-patch+json; charset=utf-8");
        var second = await host.Client.SendAsync(withCharset);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.ReadObjectAsync())["lastName"]!.GetValue<string>().ShouldBe("New");
    }

    [Fact]
    public async Task PutUser_TextPlainBody_Returns415Problem()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("yves"))["id"]!.GetValue<Guid>();

        var response = await SendAsync(host, HttpMethod.Put, $"/api/users/{id}", new JsonObject { ["firstName"] = "Y", ["lastName"] = "V" }, contentType: "text/plain");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task PatchGroupAndRole_MergePatch_ChangesOnlyGivenFields()
    {
        await using var host = await TestHost.StartAsync();
        var group = await CreateAsync(host, "/api/groups", new { key = "ops", name = "Ops", attributes = new { floor = "2" } });
        var role = await CreateAsync(host, "/api/roles", new { key = "lead", name = "Lead", description = "Leads" });

        (await PatchAsync(host, $"/api/groups/{group}", new JsonObject { ["name"] = "Operations" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PatchAsync(host, $"/api/roles/{role}", new JsonObject { ["description"] = null })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var storedGroup = await (await host.Client.GetAsync($"/api/groups/{group}")).ReadObjectAsync();
        storedGroup["name"]!.GetValue<string>().ShouldBe("Operations");
        storedGroup["attributes"]!["floor"]!.GetValue<string>().ShouldBe("2");
        var storedRole = await (await host.Client.GetAsync($"/api/roles/{role}")).ReadObjectAsync();
        storedRole["name"]!.GetValue<string>().ShouldBe("Lead");
        storedRole["description"].ShouldBeNull();
    }

    [Fact]
    public async Task PatchUserConnectorSettings_OneField_KeepsOtherFieldsAndTheSecret()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("yuri"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";
        (await host.Client.PutAsJsonAsync(path, new { badge = "555", pin = "98765", team = "red" })).EnsureSuccessStatusCode();

        var response = await PatchAsync(host, path, new JsonObject { ["badge"] = "556" }, "\"1\"");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var settings = (await response.ReadObjectAsync())["settings"]!;
        settings["badge"]!.GetValue<string>().ShouldBe("556");
        settings["team"]!.GetValue<string>().ShouldBe("red");
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectorHost.Core.Persistence.HostDbContext>();
        var stored = System.Text.Json.Nodes.JsonNode.Parse(db.UserConnectorSettings.Single().Json)!.AsObject();
        host.Services.GetRequiredService<ConnectorHost.Core.Secrets.SettingsSecrets>().Open(stored)["pin"]!.GetValue<string>().ShouldBe("98765");
    }

    [Fact]
    public async Task PatchUserConnectorSettings_SchemaViolation_Returns400LikePut()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("zack"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";
        (await host.Client.PutAsJsonAsync(path, new { badge = "555" })).EnsureSuccessStatusCode();

        var response = await PatchAsync(host, path, new JsonObject { ["level"] = 9 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["level"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PatchGroupConnectorSettings_NoneStored_CreatesFromPatch()
    {
        await using var host = await TestHost.StartAsync();
        var group = await CreateAsync(host, "/api/groups", new { key = "fin", name = "Finance" });

        var response = await PatchAsync(host, $"/api/groups/{group}/connectors/sample", new JsonObject { ["costCenter"] = "CC-7" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await (await host.Client.GetAsync($"/api/groups/{group}/connectors/sample")).ReadObjectAsync();
        stored["settings"]!["costCenter"]!.GetValue<string>().ShouldBe("CC-7");
        stored["version"]!.GetValue<int>().ShouldBe(1);
    }
}
