using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;

namespace CommPeak.Dialer.Tests;

/// <summary>
/// Answers CommPeak's reference leaves open (the create answer's shape, 404s, lists, error bodies) and what the
/// connector makes of them: the requests it makes, the id it records, and the message an operator reads.
/// </summary>
public sealed class VendorAnswerTests
{
    private const string LookUp = "GET /api/users/?username=ann";
    private const string Create = "POST /api/users";
    private const string Update = "PUT /api/users/";

    public static TheoryData<string> AnswersNamingTheId => new()
    {
        "array",
        "object",
        "user_id",
        "wrapped",
    };

    [Theory]
    [MemberData(nameof(AnswersNamingTheId))]
    public async Task Push_CreateAnswerNamesTheId_RecordedWithoutASecondLookUp(string shape)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.CreateAnswer = user => shape switch
        {
            "array" => new JsonArray(user).ToJsonString(),
            "object" => user.ToJsonString(),
            "user_id" => new JsonObject { ["user_id"] = user["id"]!.GetValue<string>(), ["username"] = "ann" }.ToJsonString(),
            _ => new JsonObject { ["success"] = true, ["data"] = new JsonArray(user) }.ToJsonString(),
        };
        var ann = await bed.AddAgentAsync("ann");
        bed.CommPeak.Calls.Clear();

        var result = await bed.PushAsync(ann.Id);

        result.State.ShouldBe("created");
        result.VendorId.ShouldBe(bed.CommPeak.UserNamed("ann")["id"]!.GetValue<string>());
        bed.CallLines().ShouldBe([LookUp, Create, Update]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("Created")]
    [InlineData("""{"success":true}""")]
    [InlineData("""{"success":true,"data":[]}""")]
    public async Task Push_CreateAnswerWithoutId_NewUserLookedUpByUsername(string answer)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.CreateAnswer = _ => answer;
        var ann = await bed.AddAgentAsync("ann");
        bed.CommPeak.Calls.Clear();

        var result = await bed.PushAsync(ann.Id);

        result.State.ShouldBe("created");
        result.VendorId.ShouldBe(bed.CommPeak.UserNamed("ann")["id"]!.GetValue<string>());
        bed.CallLines().ShouldBe([LookUp, Create, LookUp, Update]);
    }

    [Fact]
    public async Task Push_CreateAcceptedButIdNowhere_UnavailableNamingTheUser()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(201, "", c => c.Method == "POST");
        var ann = await bed.AddAgentAsync("ann");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("CommPeak accepted user 'ann' but neither its answer nor the user list names the new user's id.");
    }

    [Fact]
    public async Task Push_UserListAnswers404ForAnUnknownUsername_Created()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Fail(404, when: c => c.Path.StartsWith("/api/users/?username=", StringComparison.Ordinal));
        var ann = await bed.AddAgentAsync("ann");

        var result = await bed.PushAsync(ann.Id);

        result.State.ShouldBe("created");
        bed.CommPeak.Users.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Push_RecordedIdDeletedAtCommPeak_CreatedAgainAndNewIdRecorded()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var first = await bed.PushAsync(ann.Id);
        bed.CommPeak.Users.TryRemove(first.VendorId!, out _);
        bed.CommPeak.Calls.Clear();

        var second = await bed.PushAsync(ann.Id, vendorId: first.VendorId);

        second.State.ShouldBe("created");
        second.VendorId.ShouldNotBe(first.VendorId);
        second.VendorId.ShouldBe(bed.CommPeak.UserNamed("ann")["id"]!.GetValue<string>());
        second.SettingsPatch!["commpeakUserId"]!.GetValue<string>().ShouldBe(second.VendorId);
        bed.CallLines().ShouldBe([Update, LookUp, Create, Update]);
    }

    [Fact]
    public async Task Push_OnlyTheStoredIdKnown_UpdatesThatUserDirectlyWithoutPatch()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var id = bed.CommPeak.AddUser("ann", "old@example.com", "1");
        var ann = await bed.AddAgentAsync("ann", $$"""{"roles":["1"],"commpeakUserId":"{{id}}"}""");
        bed.CommPeak.Calls.Clear();

        var result = await bed.PushAsync(ann.Id);

        result.VendorId.ShouldBe(id);
        result.State.ShouldBe("updated");
        result.SettingsPatch.ShouldBeNull();
        bed.CallLines().ShouldBe([Update]);
        bed.CommPeak.Users[id]["email"]!.GetValue<string>().ShouldBe("ann@example.com");
    }

    [Fact]
    public async Task Push_HostsVendorIdAndStaleStoredId_HostsIdUsedAndStoredIdCorrected()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var id = bed.CommPeak.AddUser("ann", "old@example.com", "1");
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"commpeakUserId":"999"}""");
        bed.CommPeak.Calls.Clear();

        var result = await bed.PushAsync(ann.Id, vendorId: id);

        result.VendorId.ShouldBe(id);
        result.SettingsPatch!.ToJsonString().ShouldBe($$"""{"commpeakUserId":"{{id}}"}""");
        bed.CallLines().ShouldBe([Update]);
        bed.CommPeak.Calls.Single().Json!["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task Push_DeleteWithKnownId_OnlyTheDeactivationIsSent()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var id = bed.CommPeak.AddUser("ann", "ann@example.com", "1");
        var ann = await bed.AddAgentAsync("ann");
        bed.CommPeak.Calls.Clear();

        var result = await bed.PushAsync(ann.Id, PushOperation.Delete, id);

        result.State.ShouldBe("deactivated");
        bed.CallLines().ShouldBe([Update]);
        bed.CommPeak.Calls.Single().Json!.ToJsonString().ShouldBe($$"""{"id":"{{id}}","is_active":"0"}""");
    }

    [Fact]
    public async Task Push_DeleteOfUserDeletedAtCommPeakMeanwhile_Absent()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var created = await bed.PushAsync(ann.Id);
        bed.CommPeak.Users.TryRemove(created.VendorId!, out _);

        var result = await bed.PushAsync(ann.Id, PushOperation.Delete, created.VendorId);

        result.State.ShouldBe("absent");
        result.VendorId.ShouldBeNull();
    }

    [Theory]
    [InlineData("The username 'ann' has already been taken.")]
    [InlineData("Field \"email\" is invalid.")]
    [InlineData("The request could not be processed because one of the fields holds a value that this tenant does not accept for users now.")]
    public async Task Push_CreateRefusedWithAReasonThatMayQuoteAValue_ReasonLeftOut(string reason)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Fail(422, when: c => c.Method == "POST", message: reason);
        var ann = await bed.AddAgentAsync("ann");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("CommPeak answered HTTP 422 to POST /api/users.");
    }

    [Fact]
    public async Task Push_CreateRefusedWithAShortPlainReason_ReasonShown()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var reason = "Tenant user limit reached; " + new string('x', 120 - 27);
        reason.Length.ShouldBe(120);
        bed.CommPeak.Fail(422, when: c => c.Method == "POST", message: reason);
        var ann = await bed.AddAgentAsync("ann");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe($"CommPeak answered HTTP 422 to POST /api/users: {reason}");
    }

    [Fact]
    public async Task Push_UpdateRefusedWithAQuotedValue_ReasonLeftOut()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var id = bed.CommPeak.AddUser("ann", "ann@example.com", "1");
        bed.CommPeak.Fail(422, when: c => c.Method == "PUT", message: "Value 'ann@example.com' is invalid.");
        var ann = await bed.AddAgentAsync("ann");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id, vendorId: id));

        error.Message.ShouldBe("CommPeak answered HTTP 422 to PUT /api/users/.");
    }

    [Theory]
    [InlineData("""{"success":false}""")]
    [InlineData("<html><body>Bad request</body></html>")]
    public async Task Push_RefusalWithoutAReadableReason_StatusAndCallOnly(string body)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(400, body, c => c.Method == "POST");
        var ann = await bed.AddAgentAsync("ann");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("CommPeak answered HTTP 400 to POST /api/users.");
    }

    [Fact]
    public async Task ListFieldOptions_RefusalEchoingThePassword_PasswordMasked()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Fail(400, message: $"API user api-connector with password {FakeCommPeak.DefaultPassword} may not read roles.");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.Harness.Send(new ListFieldOptions("roles")));

        error.Message.ShouldBe("CommPeak answered HTTP 400 to GET /api/roles: API user api-connector with password *** may not read roles.");
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public async Task ListFieldOptions_LongRefusal_ShortenedAfter300Characters(int length, bool shortened)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var reason = new string('r', length);
        bed.CommPeak.Fail(400, message: reason);

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.Harness.Send(new ListFieldOptions("roles")));

        error.Message.ShouldBe("CommPeak answered HTTP 400 to GET /api/roles: " + (shortened ? new string('r', 300) + "…" : reason));
    }

    [Fact]
    public async Task ListFieldOptions_ItemsWithTitleOrWithoutName_LabelledWithTitleElseId()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(200, """[{"id":"1","title":"Agent"},{"id":"2"}]""", c => c.Path == "/api/roles");

        var list = await bed.Harness.Send(new ListFieldOptions("roles"));

        string.Join(",", list.Items.Select(i => $"{i.Value}={i.Label.En}")).ShouldBe("1=Agent,2=2");
    }

    [Fact]
    public async Task ListFieldOptions_ItemWithoutId_UnavailableNamingTheList()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(200, """[{"name":"Agent"}]""", c => c.Path == "/api/skill-groups");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListFieldOptions("skillGroups")));

        error.Message.ShouldBe("CommPeak listed skill groups without an id.");
    }

    [Theory]
    [InlineData("roles", "/api/roles", "roles")]
    [InlineData("skillGroups", "/api/skill-groups", "skill groups")]
    [InlineData("tags", "/api/tags", "tags")]
    [InlineData("desks", "/api/desks", "desks")]
    public async Task ListFieldOptions_AnswerWithoutAList_UnavailableNamingTheList(string field, string path, string what)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(200, """{"success":true,"total":0}""", c => c.Path == path);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListFieldOptions(field)));

        error.Message.ShouldBe($"CommPeak answered with unexpected JSON: the list of {what} is missing.");
    }

    [Fact]
    public async Task ListFieldOptions_FieldWithoutVendorList_RefusedNamingTheField()
    {
        await using var bed = await CommPeakTestBed.StartAsync();

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.Harness.Send(new ListFieldOptions("timeZone")));

        error.Message.ShouldBe("Field 'timeZone' has no options from the CommPeak dialer connector.");
        bed.CommPeak.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListVendorUsers_RowWithoutUsername_LeftOutAndFieldsWithoutIdRolesAsIds()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.AddUser("ann", "ann@example.com", "1", "2");
        bed.CommPeak.Users["900"] = new JsonObject { ["id"] = "900", ["email"] = "ghost@example.com" };

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        var user = page.Items.ShouldHaveSingleItem();
        user.MatchKey.ShouldBe("ann");
        user.Fields.ToJsonString().ShouldBe("""{"username":"ann","email":"ann@example.com","is_active":"1","roles":["1","2"]}""");
    }

    [Fact]
    public async Task ListVendorUsers_ListAnswerWithoutAList_UnavailableNamingUsers()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Answer(200, """{"total":3}""", c => c.Path.StartsWith("/api/users/?page=", StringComparison.Ordinal));

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListVendorUsers(null, 10)));

        error.Message.ShouldBe("CommPeak answered with unexpected JSON: the list of users is missing.");
    }

    [Fact]
    public async Task CommPeakRecordAction_UserDeletedAtCommPeak_NotFoundProblem()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var pushed = await bed.PushAsync(ann.Id);
        bed.CommPeak.Users.TryRemove(pushed.VendorId!, out _);

        var result = await bed.Harness.Send(new InvokeAction("commpeak-user", bed.Directory.ContextOf(ann.Id), null, new JsonObject()) { VendorId = pushed.VendorId });

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(404);
        problem.Detail.ShouldBe($"CommPeak has no user with id {pushed.VendorId} (deleted there?).");
    }
}
