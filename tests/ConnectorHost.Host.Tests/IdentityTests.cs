using System.Net;
using System.Net.Http.Json;

namespace ConnectorHost.Host.Tests;

/// <summary>Usernames are identities: the same text typed in another Unicode form or case is the same user.</summary>
public sealed class IdentityTests
{
    private const string Composed = "jos\u00e9";
    private const string Decomposed = "jose\u0301";

    [Fact]
    public async Task CreateUser_SameNameDecomposed_Returns409AndKeepsOneUser()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync(Composed);

        var response = await host.Client.PostAsJsonAsync("/api/users", new { username = Decomposed, firstName = "J", lastName = "D" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["errors"]!["username"].ShouldNotBeNull();
        (await host.CountAsync("/api/users")).ShouldBe(1);
    }

    [Fact]
    public async Task CreateUser_DecomposedName_StoredComposedAndFoundBySearchInEitherForm()
    {
        await using var host = await TestHost.StartAsync();

        var created = await host.CreateUserAsync(Decomposed.ToUpperInvariant());

        created["username"]!.GetValue<string>().ShouldBe(Composed.ToUpperInvariant());
        (await host.CountAsync($"/api/users?search={Uri.EscapeDataString(Composed)}")).ShouldBe(1);
        (await host.CountAsync($"/api/users?search={Uri.EscapeDataString(Decomposed)}")).ShouldBe(1);
    }

    [Fact]
    public async Task RenameUser_ToOtherUsersNameDecomposedUpperCase_Returns409()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateUserAsync(Composed);
        var other = (await host.CreateUserAsync("maria"))["id"]!.GetValue<Guid>();

        var response = await host.Client.PostAsJsonAsync($"/api/users/{other}/rename", new { username = Decomposed.ToUpperInvariant() });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("/api/users")]
    [InlineData("/api/groups")]
    [InlineData("/api/roles")]
    public async Task List_SearchLongerThan200_Returns400NamingSearch(string path)
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync($"{path}?search={new string('a', 201)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["search"].ShouldNotBeNull();
    }
}
