using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests;

public sealed class UsersApiTests
{
    [Fact]
    public async Task Create_ValidUser_Returns201WithETagLocationAndE164Phone()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/users", new
        {
            username = "alice",
            firstName = "Alice",
            lastName = "Lee",
            email = "alice@example.com",
            phoneNumbers = new[] { "030 1234567", "+49 (0)89 123456" },
            extension = "201",
            language = "de-DE",
            timeZone = "Europe/Berlin",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var user = await response.ReadObjectAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/users/{user["id"]}");
        user["phoneNumbers"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["+49301234567", "+4989123456"]);
        user["displayName"]!.GetValue<string>().ShouldBe("Alice Lee");
    }

    [Fact]
    public async Task Create_DuplicateUsernameDifferentCase_Returns409AndWritesNothing()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync("alice");

        var response = await host.Client.PostAsJsonAsync("/api/users", new { username = "ALICE", firstName = "A", lastName = "B" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadObjectAsync())["errors"]!["username"].ShouldNotBeNull();
        (await host.CountAsync("/api/users")).ShouldBe(1);
    }

    [Fact]
    public async Task Create_SeveralInvalidFields_Returns400ListingEveryField()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/users", new
        {
            username = "has space",
            firstName = "A",
            lastName = "B",
            email = "not-an-email",
            phoneNumbers = new[] { "12" },
            timeZone = "Mars/Olympus",
            language = "xx-NOPE",
            extension = "12a",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["username", "email", "phoneNumbers[0]", "extension", "language", "timeZone"], ignoreOrder: true);
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Create_MissingUsername_Returns400NamingUsername()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/users", new { firstName = "A", lastName = "B" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["username"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("{\"username\":\"x\",", "$")]
    [InlineData("{\"username\":\"x\",\"firstName\":5,\"lastName\":\"y\"}", "firstName")]
    [InlineData("{\"username\":\"x\",\"firstName\":\"a\",\"lastName\":\"y\",\"nickname\":\"z\"}", "nickname")]
    public async Task Create_MalformedJson_Returns400NamingThePlace(string body, string path)
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.PostAsync("/api/users", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["title"]!.GetValue<string>().ShouldBe("Malformed JSON");
        problem["detail"]!.GetValue<string>().ShouldContain($"'{path}'");
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Create_OversizedBody_Returns400AndWritesNothing()
    {
        // A small limit keeps the whole request in socket buffers, so the answer is read, not a reset.
        await using var host = await TestHost.StartAsync(maxRequestBodyBytes: 1024);
        var huge = new string('x', 4096);

        var response = await host.Client.PostAsync("/api/users", new StringContent($"{{\"username\":\"big\",\"firstName\":\"{huge}\",\"lastName\":\"b\"}}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["title"]!.GetValue<string>().ShouldBe("Request body too large");
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Update_StaleIfMatch_Returns412AndKeepsStoredValues()
    {
        await using var host = await TestHost.StartAsync();
        var user = await host.CreateUserAsync("bob", "Bob", "Old");
        var id = user["id"]!.GetValue<Guid>();
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}") { Content = JsonContent.Create(new { firstName = "Bob", lastName = "New" }) };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        (await host.Client.SendAsync(first)).Headers.ETag!.Tag.ShouldBe("\"2\"");

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}") { Content = JsonContent.Create(new { firstName = "Bob", lastName = "Stale" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await host.Client.SendAsync(stale);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var stored = await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync();
        stored["lastName"]!.GetValue<string>().ShouldBe("New");
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync($"/api/users/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task List_SearchSortAndPaging_ReturnMatchingPage()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync("zoe", "Zoe", "Adams", "zoe@corp.example");
        await host.CreateUserAsync("adam", "Adam", "Berg", "adam@corp.example");
        await host.CreateUserAsync("eve", "Eve", "Corp");
        await host.CreateUserAsync("mallory", "Mallory", "Doe", "m@other.example");

        var page = await host.Client.GetFromJsonAsync<JsonObject>("/api/users?search=corp&sort=-username&pageSize=2&page=1");

        page!["totalCount"]!.GetValue<int>().ShouldBe(3);
        page["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ShouldBe(["zoe", "eve"]);
        var second = await host.Client.GetFromJsonAsync<JsonObject>("/api/users?search=corp&sort=-username&pageSize=2&page=2");
        second!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ShouldBe(["adam"]);
    }

    [Fact]
    public async Task List_UnknownSortKey_Returns400NamingSort()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync("/api/users?sort=shoeSize");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["sort"].ShouldNotBeNull();
    }

    [Fact]
    public async Task RenameDisableDelete_Lifecycle_ReflectedInApiAndAudit()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("carol"))["id"]!.GetValue<Guid>();

        (await host.Client.PostAsJsonAsync($"/api/users/{id}/rename", new { username = "carol.new" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var disabled = await (await host.Client.PostAsync($"/api/users/{id}/disable", null)).ReadObjectAsync();
        (await host.Client.DeleteAsync($"/api/users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        disabled["enabled"]!.GetValue<bool>().ShouldBeFalse();
        disabled["username"]!.GetValue<string>().ShouldBe("carol.new");
        (await host.Client.GetAsync($"/api/users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audit = await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=User&entityId={id}");
        audit!["items"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ShouldBe(["deleted", "updated", "updated", "created"]);
        audit["items"]![0]!["actor"]!.GetValue<string>().ShouldBe("api-key:bootstrap");
    }
}
