using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

/// <summary>
/// The answers STARFACE's published swagger gives (500 with a JSON {code, message} body where one might expect
/// 404 or 409, 200 "unexpected error" on POST /users) are resolved or dead-lettered, never retried blindly.
/// </summary>
public sealed class StarfaceSpecAnswersTests
{
    private static Task<PushResult> PushAsync(CtiTestBed bed, Guid userId, string? vendorId = null) =>
        bed.Harness.Send(new PushUser(bed.Directory.ContextOf(userId), PushOperation.Upsert, vendorId, Guid.NewGuid().ToString("N")));

    private static async Task<(CtiTestBed Bed, Guid CoreGroupId, PushResult Created)> GroupPushedAsync(int unknownGroupStatus)
    {
        var bed = await CtiTestBed.StartAsync();
        bed.Starface.UnknownGroupStatus = unknownGroupStatus;
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        await PushAsync(bed, anna.Id);
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        var created = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));
        return (bed, core.Id, created);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    public async Task PushGroup_StarfaceGroupDeletedThere_CreatesItAgainInsteadOfRetrying(int unknownGroupStatus)
    {
        var (bed, coreGroupId, created) = await GroupPushedAsync(unknownGroupStatus);
        await using var _ = bed;
        bed.Starface.RemoveGroup(int.Parse(created.VendorId!));

        var again = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(coreGroupId), PushOperation.Upsert, created.VendorId, "k2"));

        again.State.ShouldBe("created");
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Id.ToString().ShouldBe(again.VendorId);
        group.Id.ToString().ShouldNotBe(created.VendorId);
        group.Members.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    public async Task PushGroup_DeleteOfGroupAlreadyGoneAtStarface_IsAbsent(int unknownGroupStatus)
    {
        var (bed, coreGroupId, created) = await GroupPushedAsync(unknownGroupStatus);
        await using var _ = bed;
        bed.Starface.RemoveGroup(int.Parse(created.VendorId!));

        // The core group no longer maps a CTI group, so its delete removes the STARFACE group, which is gone already.
        var deleted = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(coreGroupId, new JsonObject()), PushOperation.Delete, created.VendorId, "k2"));

        deleted.ShouldBe(new PushResult(null, "absent"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task PushUser_LoginHeldByAccountTheApiCannotList_DeadLetteredAfterOneAttempt(int duplicateStatus)
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.DuplicateLoginStatus = duplicateStatus;
        bed.Starface.ReserveLogin("anna");
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("'anna'");
        error.Message.ShouldContain("already exists");
        error.StatusCode.ShouldBe(409);
        bed.Starface.Calls.Count(c => c == "POST /rest/users").ShouldBe(1);
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task PushUser_CreateAnsweredWithErrorButUserSaved_AdoptsTheUser(int status)
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.FailNextCreate(status, saved: true);
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var result = await PushAsync(bed, anna.Id);
        var again = await PushAsync(bed, anna.Id, result.VendorId);

        result.State.ShouldBe("adopted");
        var saved = bed.Starface.Users.ShouldHaveSingleItem();
        result.VendorId.ShouldBe(saved["id"]!.GetValue<int>().ToString());
        again.State.ShouldBe("unchanged");
    }

    [Fact]
    public async Task PushUser_Create500NothingSaved_IsTransientWithStarfacesMessage()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.FailNextCreate(500, saved: false);
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(bed, anna.Id));
        var retried = await PushAsync(bed, anna.Id);

        error.Message.ShouldContain("Unexpected error.");
        retried.State.ShouldBe("created");
    }

    [Fact]
    public async Task PushUser_Create200UnexpectedErrorNothingSaved_IsRejected()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.FailNextCreate(200, saved: false);
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("unexpected error");
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_Starface500OnEveryCall_IsTransientWithStarfacesMessage()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });
        bed.Starface.FailWith = 500;

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(bed, anna.Id));

        error.IsTransient.ShouldBeTrue();
        error.Message.ShouldContain("Service temporarily unavailable");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    public async Task PushUser_VendorIdOfUserDeletedAtStarface_FindsNoneAndCreatesAgain(int unknownUserStatus)
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.UnknownUserStatus = unknownUserStatus;
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });
        var first = await PushAsync(bed, anna.Id);
        await bed.Harness.Send(new PushUser(bed.Directory.ContextOf(anna.Id), PushOperation.Delete, first.VendorId, "d1"));

        var again = await PushAsync(bed, anna.Id, first.VendorId);
        var deleted = await bed.Harness.Send(new PushUser(bed.Directory.ContextOf(anna.Id), PushOperation.Delete, first.VendorId, "d2"));

        again.State.ShouldBe("created");
        again.VendorId.ShouldNotBe(first.VendorId);
        deleted.State.ShouldBe("deleted");
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(403, typeof(VendorAuthenticationException))]
    [InlineData(401, typeof(VendorAuthenticationException))]
    [InlineData(408, typeof(VendorUnavailableException))]
    [InlineData(429, typeof(VendorUnavailableException))]
    [InlineData(502, typeof(VendorUnavailableException))]
    [InlineData(400, typeof(VendorRejectedException))]
    [InlineData(404, typeof(VendorRejectedException))]
    [InlineData(500, typeof(VendorUnavailableException))]
    public async Task PushUser_ScriptedStarfaceFailure_MapsToTheSdkError(int status, Type expected)
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });
        bed.Starface.FailWith = status;

        var error = await Should.ThrowAsync<VendorException>(() => PushAsync(bed, anna.Id));

        error.ShouldBeOfType(expected);
        if (status == 429)
        {
            ((VendorUnavailableException)error).RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        }
        // A 401 means "log in again": once, then the refusal stands.
        bed.Starface.Logins.ShouldBe(status == 401 ? 2 : 1);
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_EveryStarfaceRequest_CarriesVersionAndIssuedTokenButNeverThePassword()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");

        await PushAsync(bed, anna.Id);

        var requests = bed.Starface.Requests;
        var login = requests.Where(r => r.Path == "/rest/login").ToList();
        login.Select(r => r.Method).ShouldBe(["GET", "POST"]);
        login[1].Headers["X-Version"].ShouldBe("2");
        var data = requests.Where(r => r.Path != "/rest/login").ToList();
        data.Count.ShouldBeGreaterThan(5);
        data.ShouldAllBe(r => r.Headers["X-Version"] == "2" && r.Headers["authToken"].Length == 32);
        data.Select(r => r.Headers["authToken"]).Distinct().ShouldHaveSingleItem();
        requests.ShouldAllBe(r => !r.Headers.ContainsKey("Authorization")
            && !r.Path.Contains(FakeStarface.Password) && !r.Headers.Values.Any(v => v.Contains(FakeStarface.Password)));
    }

    [Fact]
    public async Task PushUser_TwoUsersOfOneGroupAtOnce_BothEndUpAssigned()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        bed.Starface.AddInternalNumber("202");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202", "SALES");
        var annaId = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        var benId = bed.Starface.AddUser("ben", "Ben", "Tester", "ben@example.com");
        bed.Starface.AddGroup("Sales team");
        // Each push reads the group, sets its own flag and saves the whole group: without serializing the two,
        // the later save would drop the earlier member.
        bed.Starface.PairGroupReads(TimeSpan.FromSeconds(1));

        await Task.WhenAll(PushAsync(bed, anna.Id, annaId.ToString()), PushAsync(bed, ben.Id, benId.ToString()));

        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldBe([annaId, benId], ignoreOrder: true);
    }

    [Fact]
    public async Task FakeStarface_RequestsTheSpecRefuses_AreRefusedAsTheSpecSays()
    {
        await using var starface = await FakeStarface.StartAsync();
        using var http = await LoggedInAsync(starface);

        async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, string? json = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var missingEmail = await Send(HttpMethod.Post, "rest/users", """{"login":"anna","firstName":"Anna","familyName":"Tester","language":"de"}""");
        var unknownField = await Send(HttpMethod.Post, "rest/users", """{"login":"anna","firstName":"Anna","familyName":"Tester","email":"a@example.com","language":"de","nickname":"A"}""");
        var badLanguage = await Send(HttpMethod.Post, "rest/users", """{"login":"anna","firstName":"Anna","familyName":"Tester","email":"a@example.com","language":"fr"}""");
        var created = await Send(HttpMethod.Post, "rest/users", """{"login":"anna","firstName":"Anna","familyName":"Tester","email":"a@example.com","language":"de","password":"Secret-1"}""");
        var groupCreated = await Send(HttpMethod.Post, "rest/groups", """{"name":"Sales","assignableUsers":[]}""");
        var unknownGroup = await Send(HttpMethod.Get, "rest/groups/999");
        var unknownUserConfig = await Send(HttpMethod.Get, "rest/users/999/phonenumberconfig");
        var unknownUser = await Send(HttpMethod.Get, "rest/users/999");

        foreach (var (status, body) in new[] { missingEmail, unknownField, badLanguage, unknownGroup, unknownUserConfig })
        {
            status.ShouldBe(HttpStatusCode.InternalServerError);
            var error = JsonNode.Parse(body)!.AsObject();
            error.Select(p => p.Key).ShouldBe(["code", "message"]);
        }
        missingEmail.Body.ShouldContain("email");
        unknownField.Body.ShouldContain("nickname");
        created.Status.ShouldBe(HttpStatusCode.Created);
        created.Body.ShouldBeEmpty();
        groupCreated.Status.ShouldBe(HttpStatusCode.NoContent);
        groupCreated.Body.ShouldBeEmpty();
        unknownUser.Status.ShouldBe(HttpStatusCode.NotFound);
        starface.Users.ShouldHaveSingleItem()["password"]!.GetValue<string>().ShouldBe("");
    }

    private static async Task<HttpClient> LoggedInAsync(FakeStarface starface)
    {
        var http = new HttpClient { BaseAddress = starface.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Version", "2");
        var nonce = JsonNode.Parse(await http.GetStringAsync("rest/login"))!["nonce"]!.GetValue<string>();
        var login = new JsonObject { ["loginType"] = "Internal", ["nonce"] = nonce, ["secret"] = FakeStarface.ExpectedSecret(FakeStarface.Login, nonce, FakeStarface.Password) };
        using var answer = await http.PostAsync("rest/login", new StringContent(login.ToJsonString(), Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.Add("authToken", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
        return http;
    }
}
