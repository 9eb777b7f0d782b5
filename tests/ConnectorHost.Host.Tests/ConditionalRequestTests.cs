using System.Net;
using System.Net.Http.Json;

namespace ConnectorHost.Host.Tests;

/// <summary>If-Match as RFC 9110 §13.1.1 defines it: a tag that does not match is 412, "*" means "exists".</summary>
public sealed class ConditionalRequestTests
{
    private static async Task<HttpResponseMessage> PutAsync(TestHost host, string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await host.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"v1\"")]
    [InlineData("W/\"1\"")]
    [InlineData("not-a-tag")]
    public async Task UpdateUser_IfMatchNotMatching_Returns412AndChangesNothing(string ifMatch)
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("olga", "Olga", "Old"))["id"]!.GetValue<Guid>();

        var response = await PutAsync(host, $"/api/users/{id}", new { firstName = "Olga", lastName = "New" }, ifMatch);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await (await host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync())["lastName"]!.GetValue<string>().ShouldBe("Old");
    }

    [Fact]
    public async Task UpdateUser_IfMatchListWithCurrentTagSecond_Returns200()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("pia"))["id"]!.GetValue<Guid>();

        var response = await PutAsync(host, $"/api/users/{id}", new { firstName = "Pia", lastName = "List" }, "\"7\", \"1\"");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
    }

    [Fact]
    public async Task UpdateUser_IfMatchStar_Returns200()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("quinn"))["id"]!.GetValue<Guid>();

        var response = await PutAsync(host, $"/api/users/{id}", new { firstName = "Quinn", lastName = "Star" }, "*");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadObjectAsync())["lastName"]!.GetValue<string>().ShouldBe("Star");
    }

    [Fact]
    public async Task PutConnectorSettings_IfMatchStar_412WhileNoneStoredThen200()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("rosa"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/sample";

        var before = await PutAsync(host, path, new { badge = "4711" }, "*");
        (await host.Client.PutAsJsonAsync(path, new { badge = "4711" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await PutAsync(host, path, new { badge = "4712" }, "*");

        before.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await after.ReadObjectAsync())["settings"]!["badge"]!.GetValue<string>().ShouldBe("4712");
    }
}
