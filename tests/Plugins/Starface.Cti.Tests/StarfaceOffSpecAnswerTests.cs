using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

/// <summary>
/// What the administrator reads when STARFACE answers outside its published REST spec (another version, a proxy's
/// page): the sync history must say which answer was wrong, and the job must be retried rather than taken as done.
/// </summary>
public sealed class StarfaceOffSpecAnswerTests
{
    private static async Task<(CtiTestBed Bed, Guid UserId, int StarfaceId, int GroupId)> UserWithNumberAndGroupAsync()
    {
        var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Ann", "Old", "old@example.com");
        bed.Starface.AddInternalNumber("201");
        var group = bed.Starface.AddGroup("Sales team");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        return (bed, anna.Id, starfaceId, group);
    }

    private static Task<PushResult> PushUserAsync(CtiTestBed bed, Guid userId, string? vendorId) =>
        bed.Harness.Send(new PushUser(bed.Directory.ContextOf(userId), PushOperation.Upsert, vendorId, Guid.NewGuid().ToString("N")));

    [Theory]
    [InlineData("GET /rest/login", "[]", "the login template")]
    [InlineData("GET /rest/users/{user}", "[]", "the user")]
    [InlineData("GET /rest/phonenumbers", "{}", "the phone number list")]
    [InlineData("GET /rest/callservices", "{}", "the call service list")]
    [InlineData("GET /rest/users/{user}/phonenumberconfig", "[]", "the phone number config")]
    [InlineData("GET /rest/groups", "{}", "the group list")]
    [InlineData("GET /rest/groups/{group}", "[]", "the group")]
    public async Task PushUser_AnswerOfTheWrongJsonShape_TransientErrorNamingTheAnswer(string call, string body, string what)
    {
        var (bed, userId, starfaceId, group) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith(call.Replace("{user}", starfaceId.ToString()).Replace("{group}", group.ToString()), body);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe($"STARFACE answered with unexpected JSON: {what} is missing or has the wrong type.");
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task ListVendorUsers_UserListOfTheWrongJsonShape_TransientErrorNamingTheList()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AnswerCallWith("GET /rest/users", """{"users":[]}""");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListVendorUsers(null, 10)));

        error.Message.ShouldBe("STARFACE answered with unexpected JSON: the user list is missing or has the wrong type.");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"serviceName":"Standard"}]""")]
    public async Task PushUser_NoUsableCallService_RefusedSayingNumbersCannotBeAssigned(string services)
    {
        var (bed, userId, starfaceId, _) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith("GET /rest/callservices", services);

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe("STARFACE offers no call service to assign phone numbers with.");
        bed.Starface.AssignedUserOf("201").ShouldBeNull();
    }

    [Fact]
    public async Task PushUser_LoginTemplateWithoutNonce_TransientErrorSayingSo()
    {
        var (bed, userId, starfaceId, _) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith("GET /rest/login", """{"loginType":"Internal","nonce":""}""");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe("STARFACE answered GET /rest/login without a nonce.");
        bed.Starface.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_LoginAcceptedWithoutToken_CredentialsErrorNamingTheLoginNotThePassword()
    {
        var (bed, userId, starfaceId, _) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith("POST /rest/login", """{"token":null}""");

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe($"STARFACE did not issue a token for '{FakeStarface.Login}'. Check starfaceLogin and starfacePassword in plugins.json.");
        error.Message.ShouldNotContain(FakeStarface.Password);
    }

    // GET /rest/users/{id} has a documented 404; a 500 saying "not found" is settled by the user list. When the list
    // still has the user, it was a server error, not a deleted user: the job is retried and nothing is created.
    [Fact]
    public async Task PushUser_500NotFoundForAUserStarfaceStillLists_TransientErrorQuotingStarface()
    {
        var (bed, userId, starfaceId, _) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith($"GET /rest/users/{starfaceId}", """{"code":"E404","message":"User not found"}""", 500);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe($"STARFACE answered HTTP 500 to GET /rest/users/{starfaceId} although it lists user {starfaceId}: User not found (code E404)");
        bed.Starface.Users.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PushUser_500ForAGroupStarfaceStillLists_TransientErrorQuotingStarface()
    {
        var (bed, userId, starfaceId, group) = await UserWithNumberAndGroupAsync();
        await using var _ = bed;
        bed.Starface.AnswerCallWith($"GET /rest/groups/{group}", """{"code":"E500","message":"Internal error"}""", 500);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, userId, starfaceId.ToString()));

        error.Message.ShouldBe($"STARFACE answered HTTP 500 to GET /rest/groups/{group} although it lists group {group}: Internal error (code E500)");
        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldNotContain(starfaceId);
    }

    [Fact]
    public async Task ScreenPop_SignInForBusinessCentralUnreachable_502SayingWhichCallFailed()
    {
        await using var bed = await CtiTestBed.StartAsync(s => s["businessCentralTokenUrl"] = "http://127.0.0.1:1/token");
        await bed.AddCtiUserAsync("anna", "201");

        var problem = await bed.InvokeProblemAsync("screen-pop", new JsonObject
        {
            ["direction"] = "incoming", ["phase"] = "ringing", ["callerNumber"] = "+49 30 1234567", ["calledNumber"] = "201",
        });

        problem.Status.ShouldBe(502);
        problem.Title.ShouldBe("Business Central directory unavailable");
        problem.Detail.ShouldBe("Microsoft identity platform could not be reached for POST /token (ConnectionError).");
    }
}
