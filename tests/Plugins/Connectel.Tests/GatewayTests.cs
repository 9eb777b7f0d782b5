using System.Text.Json.Nodes;
using Connectel.Testing;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;

namespace Connectel.Tests;

/// <summary>The gateway against the fake Connectel: what reaches Connectel, and how its failures come back.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task Push_NewSupervisor_CreatedWithLoginAsNameAndPasswordToChangeAtFirstLogin()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "codecs": ["opus", "ulaw"], "callGroups": "1,3-5", "description": "Team lead" }"""))).Errors.ShouldBeEmpty();

        var result = await bed.PushAsync(ann.Id);

        result.State.ShouldBe("created");
        var row = bed.Connectel.UserNamed("ann.lee");
        row["id"]!.GetValue<int>().ToString().ShouldBe(result.VendorId);
        row["fullname"]!.GetValue<string>().ShouldBe("Ann Lee");
        row["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        row["internal"]!.GetValue<string>().ShouldBe("2000");
        row["allow"]!.GetValue<string>().ShouldBe("opus;ulaw");
        row["callgroup"]!.GetValue<string>().ShouldBe("1,3-5");
        row["context"]!.GetValue<string>().ShouldBe("from-sip");
        row["description"]!.GetValue<string>().ShouldBe("Team lead");
        row["mustChangePassword"]!.GetValue<bool>().ShouldBeTrue();
        bed.Connectel.Passwords[row["id"]!.GetValue<int>()].ShouldBe("Start-Pass1");
        bed.Connectel.Calls.ShouldNotContain(c => c.Body.Contains("\"username\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_SecondTimeWithVendorId_UpdatesWithoutNameRoleOrPassword()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);
        // The host erases the write-only password after the first successful push.
        bed.Directory.UserSettings(ann.Id)!.Remove("password");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "transport": "wss", "disabled": true }""").Without("password"))).Errors.ShouldBeEmpty();

        var updated = await bed.PushAsync(ann.Id, created.VendorId);

        updated.State.ShouldBe("updated");
        var row = bed.Connectel.UserNamed("ann.lee");
        row["transport"]!.GetValue<string>().ShouldBe("wss");
        row["disabled"]!.GetValue<bool>().ShouldBeTrue();
        var put = bed.Connectel.Calls.Last(c => c.Method == "PUT");
        var body = JsonNode.Parse(put.Body)!.AsObject();
        body.ShouldNotContainKey("name");
        body.ShouldNotContainKey("role");
        body.ShouldNotContainKey("password");
    }

    [Fact]
    public async Task Push_VendorIdLost_FoundByLoginAndUpdatedNotDuplicated()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var first = await bed.PushAsync(ann.Id);

        var again = await bed.PushAsync(ann.Id, vendorId: null);

        again.VendorId.ShouldBe(first.VendorId);
        bed.Connectel.Users.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Push_LoginHeldAtConnectelBySomeoneElse_RejectedWithoutChangingIt()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.AddUser("ann.lee", "other@example.com");
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.StatusCode.ShouldBe(409);
        bed.Connectel.UserNamed("ann.lee")["email"]!.GetValue<string>().ShouldBe("other@example.com");
    }

    [Fact]
    public async Task Push_WrongApiKey_AuthenticationErrorWithoutTheKey()
    {
        await using var bed = await ConnectelTestBed.StartAsync(apiKey: "wrong-key-1234");
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, bed.Supervisor("""{ "username": "ann.lee", "internalNumber": "2000" }"""));

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldEndWith("the credentials were refused or lack permission; check the connector's apiKey setting.");
        error.Message.ShouldNotContain("wrong-key-1234");
    }

    [Fact]
    public async Task Push_Connectel429WithRetryAfter_UnavailableWithThatWait()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        bed.Connectel.Fail(429, retryAfter: "90");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(90));
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_ConnectelAnswersHtmlInsteadOfJson_UnavailableNamingTheCallNotTheQuery()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        bed.Connectel.Fail(200, rawBody: "<html>maintenance</html>");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldContain("GET /api/users");
        error.Message.ShouldNotContain(FakeConnectel.DefaultApiKey);
    }

    [Fact]
    public async Task Push_Connectel500_Unavailable()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        bed.Connectel.Fail(503);

        (await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id))).Message.ShouldContain("503");
    }

    [Fact]
    public async Task Push_WithAvatar_UploadedOnceByContent()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "avatar": { "fileName": "me.png", "data": "{{SampleImages.Png()}}" } }"""))).Errors.ShouldBeEmpty();

        var first = await bed.PushAsync(ann.Id);
        await bed.PushAsync(ann.Id, first.VendorId);

        bed.Connectel.Avatars[int.Parse(first.VendorId!)].ContentType.ShouldBe("image/png");
        bed.Connectel.Calls.Count(c => c.Method == "PUT" && c.PathOnly.EndsWith("/avatar", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Push_Delete_RemovedAtConnectelThenAbsent()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);

        (await bed.PushAsync(ann.Id, created.VendorId, PushOperation.Delete)).State.ShouldBe("deleted");
        (await bed.PushAsync(ann.Id, created.VendorId, PushOperation.Delete)).State.ShouldBe("absent");
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_SecuritySuiteOn_LastPasswordResetReportedBack()
    {
        await using var bed = await ConnectelTestBed.StartAsync(securitySuite: true);
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var result = await bed.PushAsync(ann.Id);

        result.SettingsPatch!["lastPasswordReset"]!.GetValue<string>().ShouldBe(bed.Connectel.UserNamed("ann.lee")["lastPasswordReset"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_MoreUsersThanAPage_PagesWithOffsetUntilCount()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            bed.Connectel.AddUser($"user{i}", $"user{i}@example.com");
        }

        var first = await bed.Harness.Send(new ListVendorUsers(null, 3));
        var second = await bed.Harness.Send(new ListVendorUsers(first.NextCursor, 3));

        first.Items.Select(u => u.MatchKey).ShouldBe(["user0", "user1", "user2"]);
        second.Items.Select(u => u.MatchKey).ShouldBe(["user3", "user4"]);
        second.NextCursor.ShouldBeNull();
        bed.Connectel.Calls.ShouldContain(c => c.Path.Contains("limit=3&offset=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_AfterPush_SameFieldsAsConnectelReports()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "pickupGroups": "2" }"""))).Errors.ShouldBeEmpty();
        await bed.PushAsync(ann.Id);
        bed.Directory.UserSettings(ann.Id)!.Remove("password");

        var projection = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)));
        var reported = (await bed.Harness.Send(new ListVendorUsers(null, 10))).Items.Single();

        projection.MatchKey.ShouldBe(reported.MatchKey);
        JsonNode.DeepEquals(projection.Payload, reported.Fields).ShouldBeTrue($"{projection.Payload.ToJsonString()}\n{reported.Fields.ToJsonString()}");
    }

    [Fact]
    public async Task Push_BasicAuthConfigured_BasicHeaderAndNoApiKeyInTheUrl()
    {
        await using var bed = await ConnectelTestBed.StartAsync(extra: """ "authMethod": "basic", "basicUsername": "sync", "basicPassword": "Basic-Pw-1" """);
        bed.Connectel.Basic = ("sync", "Basic-Pw-1");
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        (await bed.PushAsync(ann.Id)).State.ShouldBe("created");

        var expected = "Basic " + Convert.ToBase64String("sync:Basic-Pw-1"u8.ToArray());
        bed.Connectel.Calls.ShouldAllBe(c => c.Header("Authorization") == expected);
        bed.Connectel.Calls.ShouldNotContain(c => c.Path.Contains("apikey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_BasicPasswordRefused_AuthenticationErrorNamingTheBasicSettingsNotThePassword()
    {
        await using var bed = await ConnectelTestBed.StartAsync(extra: """ "authMethod": "basic", "basicUsername": "sync", "basicPassword": "Wrong-Pw-9" """);
        bed.Connectel.Basic = ("sync", "Basic-Pw-1");
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, bed.Supervisor("""{ "username": "ann.lee", "internalNumber": "2000" }"""));

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldEndWith("check the connector's basicUsername/basicPassword settings.");
        error.Message.ShouldNotContain("Wrong-Pw-9");
    }

    [Fact]
    public async Task Push_RefusalEchoesKeyAndPassword_BothReplacedAndLongReasonShortened()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var reason = $"Key {FakeConnectel.DefaultApiKey} may not set password Start-Pass1 " + new string('x', 400);
        bed.Connectel.Fail(422, when: c => c.Method == "POST", rawBody: new JsonObject { ["message"] = reason }.ToJsonString());

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        var scrubbed = ("Key *** may not set password *** " + new string('x', 400))[..300] + "…";
        error.Message.ShouldBe($"Connectel answered HTTP 422 to POST /api/users: {scrubbed}");
        error.StatusCode.ShouldBe(422);
    }

    [Fact]
    public async Task Push_RefusalOfExactlyTheMaximumLength_KeptWhole()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var reason = new string('y', 300);
        bed.Connectel.Fail(409, when: c => c.Method == "POST", rawBody: new JsonObject { ["message"] = reason }.ToJsonString());

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe($"Connectel answered HTTP 409 to POST /api/users: {reason}");
    }

    [Fact]
    public async Task Push_UpdateAnsweredWithoutJson_StillUpdated()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var vendorId = (await bed.PushAsync(ann.Id)).VendorId!;
        bed.Connectel.Fail(200, when: c => c.Method == "PUT", rawBody: "OK");

        var again = await bed.PushAsync(ann.Id, vendorId);

        again.State.ShouldBe("updated");
        again.VendorId.ShouldBe(vendorId);
    }

    [Fact]
    public async Task Push_UpdateOfUserGoneAtConnectel_CreatedAgain()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var vendorId = (await bed.PushAsync(ann.Id)).VendorId!;
        bed.Connectel.Users.TryRemove(int.Parse(vendorId), out _);

        var again = await bed.PushAsync(ann.Id, vendorId);

        again.State.ShouldBe("created");
        again.VendorId.ShouldNotBe(vendorId);
        bed.Connectel.Users.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task List_AgentsAtConnectel_OnlyStaffUsersListed()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.AddUser("ann.lee", "ann@example.com");
        bed.Connectel.AddUser("agent.one", "agent@example.com", "agent");
        bed.Connectel.AddUser("bo.admin", "bo@example.com", "admin");

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        page.Items.Select(u => u.MatchKey).ShouldBe(["ann.lee", "bo.admin"]);
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task List_CursorNeverIssued_Refused()
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var error = await Should.ThrowAsync<ArgumentException>(() => bed.Harness.Send(new ListVendorUsers("abc", 10)));

        error.Message.ShouldStartWith("'abc' is not a cursor this connector returned.");
    }

    [Fact]
    public async Task UserProfileOptions_MoreThanOnePageOfProfiles_AllOffered()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        for (var i = 0; i < 120; i++)
        {
            bed.Connectel.AddProfile($"Team {i:000}", "agents");
        }

        var options = await bed.Harness.Send(new ListFieldOptions("userProfile"));

        options.Items.Count.ShouldBe(121);
        options.Items.Select(i => i.Value).Distinct().Count().ShouldBe(121);
        bed.Connectel.Calls.Count(c => c.PathOnly == "/api/userProfiles").ShouldBe(2);
    }
}
