using System.Net;
using System.Text;

namespace ConnectorHost.Host.Tests;

/// <summary>Problem details name the JSON field or parameter a client sent, never a .NET type.</summary>
public sealed class ProblemDetailsTests
{
    private static async Task<string> DetailAsync(HttpResponseMessage response, string? field = null)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        if (field is not null)
        {
            problem["errors"]![field].ShouldNotBeNull();
        }
        var detail = problem["detail"]!.GetValue<string>();
        detail.ShouldNotContain("ConnectorHost.");
        detail.ShouldNotContain("System.");
        detail.ShouldNotContain(".NET");
        return detail;
    }

    [Theory]
    [InlineData("""{"firstName":"A","lastName":"B","nickname":"z"}""", "'nickname' is not a field of this request.", "nickname")]
    [InlineData("""{"firstName":["A"],"lastName":"B"}""", "'firstName' must be a string.", "firstName")]
    [InlineData("""{"firstName":"A","lastName":"B","phoneNumbers":"+4930123456"}""", "'phoneNumbers' must be an array.", "phoneNumbers")]
    [InlineData("""{"firstName":"A","lastName":"B","attributes":{"desk":4}}""", "'attributes.desk' must be a string.", "attributes.desk")]
    public async Task PutUser_BodyMemberWrongOrUnknown_DetailNamesTheFieldNotTheType(string body, string expected, string field)
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("abe"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PutAsync($"/api/users/{id}", new StringContent(body, Encoding.UTF8, "application/json"));

        (await DetailAsync(response, field)).ShouldBe(expected);
    }

    [Fact]
    public async Task ListUsers_PageNotANumber_DetailNamesPage()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync("/api/users?page=abc");

        (await DetailAsync(response)).ShouldBe("'page' must be a whole number; got 'abc'.");
    }

    [Fact]
    public async Task PutUser_NoBody_DetailSaysABodyIsNeeded()
    {
        await using var host = await TestHost.StartAsync();
        var id = (await host.CreateUserAsync("bea"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PutAsync($"/api/users/{id}", null);

        (await DetailAsync(response)).ShouldBe("The request needs a JSON body.");
    }
}
