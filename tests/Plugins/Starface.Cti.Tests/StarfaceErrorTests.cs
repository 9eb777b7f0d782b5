using System.Net;
using System.Text;
using Starface.Cti.Gateway;

namespace Starface.Cti.Tests;

/// <summary>
/// How a STARFACE error answer is read: its message decides whether the connector reads the list back (a user or
/// group that is gone, a login that is taken) and is shown to the administrator, shortened.
/// </summary>
public sealed class StarfaceErrorTests
{
    private static Task<StarfaceError> ReadAsync(string body, HttpStatusCode status = HttpStatusCode.InternalServerError) =>
        StarfaceError.ReadAsync(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, default);

    [Theory]
    [InlineData("User 7 not found")]
    [InlineData("User does not exist")]
    [InlineData("No such user")]
    [InlineData("Unknown user id 7")]
    [InlineData("Benutzer nicht gefunden")]
    [InlineData("Der Benutzer existiert nicht")]
    [InlineData("Benutzer unbekannt")]
    public async Task SaysNotFound_EnglishOrGermanWording_IsRecognised(string message)
    {
        var error = await ReadAsync($$"""{"code":"E1","message":"{{message}}"}""");

        error.SaysNotFound.ShouldBeTrue();
        error.SaysAlreadyExists.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Login already exists")]
    [InlineData("Login is already in use")]
    [InlineData("Login already used")]
    [InlineData("Login already taken")]
    [InlineData("Duplicate login")]
    [InlineData("Login existiert bereits")]
    [InlineData("Login ist bereits vergeben")]
    [InlineData("Login bereits vorhanden")]
    public async Task SaysAlreadyExists_EnglishOrGermanWording_IsRecognised(string message)
    {
        var error = await ReadAsync($$"""{"message":"{{message}}"}""");

        error.SaysAlreadyExists.ShouldBeTrue();
        error.SaysNotFound.ShouldBeFalse();
    }

    [Fact]
    public async Task ReadAsync_CodeWithoutMessage_KeepsTheCodeAndShowsIt()
    {
        var error = await ReadAsync("""{"code":"LOCKED"}""");

        error.Code.ShouldBe("LOCKED");
        error.Message.ShouldBe("");
        error.Suffix.ShouldBe(".");
    }

    [Fact]
    public async Task ReadAsync_MessageAndCode_SuffixShowsBoth()
    {
        var error = await ReadAsync("""{"code":"E42","message":"Database busy"}""");

        error.Status.ShouldBe(500);
        error.Suffix.ShouldBe(": Database busy (code E42)");
    }

    [Fact]
    public async Task ReadAsync_JsonWithoutCodeOrMessage_IsShownAsText()
    {
        var error = await ReadAsync("""{"error":"x"}""");

        error.Code.ShouldBeNull();
        error.Message.ShouldBe("""{"error":"x"}""");
    }

    [Fact]
    public async Task ReadAsync_PlainTextBody_IsTheMessage()
    {
        var error = await ReadAsync("  User 7 not found  ");

        error.Code.ShouldBeNull();
        error.Message.ShouldBe("User 7 not found");
        error.Suffix.ShouldBe(": User 7 not found");
    }

    [Fact]
    public async Task ReadAsync_BrokenJson_IsShownAsText()
    {
        var error = await ReadAsync("{not json");

        error.Message.ShouldBe("{not json");
    }

    [Fact]
    public async Task ReadAsync_LongMessage_ShortenedTo200CharactersAndEllipsis()
    {
        var exactly = await ReadAsync(new string('a', 200));
        var longer = await ReadAsync(new string('b', 201));

        exactly.Message.ShouldBe(new string('a', 200));
        longer.Message.ShouldBe(new string('b', 200) + "…");
    }
}
