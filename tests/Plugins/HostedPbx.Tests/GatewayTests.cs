using HostedPbx.Testing;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Testing;
using HostedPbx.Gateway;
using Microsoft.AspNetCore.Http;

namespace HostedPbx.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private const string Pin = "4711";
    private FakePbx _pbx = null!;
    private PbxTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _pbx = await FakePbx.StartAsync();
        _bed = PbxTestBed.Create(_pbx.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _pbx.DisposeAsync();
    }

    private async Task<Guid> AnnAsync(string? settings = null) =>
        (await _bed.AddMemberAsync("Ann", "Lee", "10", settings ?? $$"""
            {"voicemailPassword":"{{Pin}}","greeting":{{AudioSamples.FileJson("hello.wav", AudioSamples.Wav(70))}},
             "forwardingEnabled":true,"forwardingDestinations":["+4989123456"],"doNotDisturb":true}
            """, email: "ann@example.com")).Id;

    private Task<PushResult> PushAsync(Guid userId, string? vendorId = null, PushOperation operation = PushOperation.Upsert) =>
        _bed.Harness.Send(new PushUser(_bed.Directory.ContextOf(userId), operation, vendorId, $"key-{userId}"));

    [Fact]
    public async Task Push_NewUser_CreatesExtensionWithVoicemailGreetingForwardingAndDnd()
    {
        var ann = await AnnAsync();

        var result = await PushAsync(ann);

        result.State.ShouldBe("created");
        var extension = _pbx.Extensions[result.VendorId!];
        extension["extension"]!.GetValue<string>().ShouldBe("10");
        extension["username"]!.GetValue<string>().ShouldBe("Ann");
        extension["lastName"]!.GetValue<string>().ShouldBe("Lee");
        extension["outboundCallerId"]!.GetValue<string>().ShouldBe(PbxTestBed.MainNumber);
        extension["voicemail"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        _pbx.VoicemailPins[result.VendorId!].ShouldBe(Pin);
        _pbx.Greetings[result.VendorId!].Data.ShouldBe(AudioSamples.Wav(70));
        _pbx.Greetings[result.VendorId!].ContentType.ShouldBe("audio/wav");
        extension["forwarding"]!["destinations"]![0]!["value"]!.GetValue<string>().ShouldBe("+4989123456");
        extension["doNotDisturb"]!.GetValue<bool>().ShouldBeTrue();
        _pbx.Calls.ShouldAllBe(c => c.Header("Authorization") == $"Bearer {PbxTestBed.ApiKey}");
        _pbx.Calls.ShouldContain(c => c.Method == "POST" && c.Path == "/api/v1/extensions");
    }

    [Fact]
    public async Task Push_RepeatedWithoutVendorId_FindsByExtensionInsteadOfDuplicating()
    {
        var ann = await AnnAsync();
        var first = await PushAsync(ann);

        var second = await PushAsync(ann);

        second.VendorId.ShouldBe(first.VendorId);
        second.State.ShouldBe("updated");
        _pbx.Extensions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Push_WithoutVendorIdNumberHeldBySomeoneElseAtPbx_RejectedAndNothingOverwritten()
    {
        var ann = await AnnAsync();
        var lobby = _pbx.AddExtension("10", "Lobby", "Phone", email: "facility@example.com");
        var before = _pbx.Extensions[lobby].ToJsonString();

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.StatusCode.ShouldBe(409);
        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldContain("Extension 10");
        error.Message.ShouldContain("belongs to someone else (PBX user 'Lobby Phone')");
        error.Message.ShouldNotContain(Pin);
        _pbx.Extensions[lobby].ToJsonString().ShouldBe(before);
        _pbx.Extensions.Count.ShouldBe(1);
        _pbx.VoicemailPins.ShouldBeEmpty();
        _pbx.Greetings.ShouldBeEmpty();
        _pbx.Calls.ShouldNotContain(c => c.Method != "GET");
    }

    [Fact]
    public async Task Push_WithoutVendorIdSameNameButOtherEmail_Rejected()
    {
        var ann = await AnnAsync();
        var namesake = _pbx.AddExtension("10", "Ann", "Lee", email: "ann.lee@other.example");

        await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        _pbx.Extensions[namesake]["email"]!.GetValue<string>().ShouldBe("ann.lee@other.example");
    }

    [Fact]
    public async Task Push_RecordedVendorIdGoneAndNumberHeldBySomeoneElse_Rejected()
    {
        var ann = await AnnAsync();
        var systemExtension = _pbx.AddExtension("10", "Main", "Queue");

        await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann, "ext-gone"));

        _pbx.Extensions[systemExtension]["firstName"]!.GetValue<string>().ShouldBe("Main");
    }

    [Fact]
    public async Task Push_VendorIdLostAfterRenameSameEmailOtherCase_AdoptsOwnRecord()
    {
        var ann = await AnnAsync();
        var first = await PushAsync(ann);
        // The vendor id never got recorded; the PBX record drifted (name edited, e-mail re-cased) but is still hers.
        _pbx.Extensions[first.VendorId!]["firstName"] = "Annie";
        _pbx.Extensions[first.VendorId!]["email"] = "ANN@Example.com";

        var second = await PushAsync(ann);

        (second.VendorId, second.State).ShouldBe((first.VendorId, "updated"));
        _pbx.Extensions.Count.ShouldBe(1);
        _pbx.Extensions[first.VendorId!]["firstName"]!.GetValue<string>().ShouldBe("Ann");
    }

    [Fact]
    public async Task Push_DeleteWithoutVendorIdNumberHeldBySomeoneElse_LeftAlone()
    {
        var ann = await AnnAsync();
        var lobby = _pbx.AddExtension("10", "Lobby", "Phone");

        var result = await PushAsync(ann, operation: PushOperation.Delete);

        result.State.ShouldBe("unchanged");
        _pbx.Extensions.ShouldContainKey(lobby);
    }

    [Fact]
    public async Task Push_GreetingUnchangedSinceLastPush_NotUploadedAgain()
    {
        var ann = await AnnAsync();
        var first = await PushAsync(ann, null);

        await PushAsync(ann, first.VendorId);
        await PushAsync(ann, null);

        _pbx.Calls.Count(c => c.Path.EndsWith("/voicemail/greeting")).ShouldBe(1);
    }

    [Fact]
    public async Task Push_GreetingChanged_UploadedAgain()
    {
        var ann = await AnnAsync();
        var first = await PushAsync(ann);
        _bed.Directory.UserSettings(ann)!["greeting"] = JsonNode.Parse(AudioSamples.FileJson("new.wav", AudioSamples.Wav(90)));

        await PushAsync(ann, first.VendorId);

        _pbx.Calls.Count(c => c.Path.EndsWith("/voicemail/greeting")).ShouldBe(2);
        _pbx.Greetings[first.VendorId!].Data.ShouldBe(AudioSamples.Wav(90));
    }

    [Fact]
    public async Task Push_PbxLostTheGreeting_UploadedAgain()
    {
        var ann = await AnnAsync();
        var first = await PushAsync(ann);
        _pbx.Greetings.TryRemove(first.VendorId!, out _);
        _pbx.Extensions[first.VendorId!]["voicemail"]!["hasGreeting"] = false;

        await PushAsync(ann, first.VendorId);

        _pbx.Greetings[first.VendorId!].Data.ShouldBe(AudioSamples.Wav(70));
    }

    [Fact]
    public async Task Push_KnownVendorId_UpdatesThatExtension()
    {
        var ann = await AnnAsync();
        var id = _pbx.AddExtension("10", "Old", "Name");

        var result = await PushAsync(ann, id);

        (result.VendorId, result.State).ShouldBe((id, "updated"));
        // The PBX record id is reported back once, for the host to store as the read-only account id.
        result.SettingsPatch.ShouldNotBeNull()["pbxAccountId"]!.GetValue<string>().ShouldBe(id);
        _pbx.Extensions[id]["firstName"]!.GetValue<string>().ShouldBe("Ann");
        _pbx.Calls.ShouldNotContain(c => c.Path.StartsWith("/api/v1/extensions?extension="));
    }

    [Fact]
    public async Task Push_VendorIdDeletedAtPbx_CreatesAgain()
    {
        var ann = await AnnAsync();

        var result = await PushAsync(ann, "ext-gone");

        result.State.ShouldBe("created");
        result.VendorId.ShouldNotBe("ext-gone");
        _pbx.Extensions.ShouldContainKey(result.VendorId!);
    }

    [Fact]
    public async Task Push_NoPinNoGreeting_PbxKeepsItsOwn()
    {
        var ann = await AnnAsync("{}");

        var result = await PushAsync(ann);

        _pbx.VoicemailPins.ShouldNotContainKey(result.VendorId!);
        _pbx.Greetings.ShouldNotContainKey(result.VendorId!);
        _pbx.Calls.Single(c => c.Path.EndsWith("/voicemail")).Body.ShouldNotContain("password");
    }

    [Fact]
    public async Task Push_Delete_RemovesExtensionThenReportsUnchanged()
    {
        var ann = await AnnAsync();
        var created = await PushAsync(ann);

        var deleted = await PushAsync(ann, created.VendorId, PushOperation.Delete);
        var again = await PushAsync(ann, created.VendorId, PushOperation.Delete);

        deleted.ShouldBe(new PushResult(null, "deleted"));
        again.ShouldBe(new PushResult(null, "unchanged"));
        _pbx.Extensions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_DeleteWithoutVendorId_FindsByExtension()
    {
        var ann = await AnnAsync();
        _pbx.AddExtension("10");

        var result = await PushAsync(ann, operation: PushOperation.Delete);

        result.State.ShouldBe("deleted");
        _pbx.Extensions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_RateLimited_UnavailableCarryingRetryAfter()
    {
        var ann = await AnnAsync();
        _pbx.Override = context =>
        {
            context.Response.Headers.RetryAfter = "120";
            return FakePbx.Error(context, StatusCodes.Status429TooManyRequests, "rate_limited", "Slow down.");
        };

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task Push_WrongApiKey_AuthenticationErrorWithoutTheKey()
    {
        await using var pbx = await FakePbx.StartAsync(apiKey: "the-real-key");
        await using var bed = PbxTestBed.Create(pbx.BaseAddress);
        var ann = await bed.AddMemberAsync("Ann", "Lee", "10");

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() =>
            bed.Harness.Send(new PushUser(bed.Directory.ContextOf(ann.Id), PushOperation.Upsert, null, "k")));

        error.Message.ShouldNotContain(PbxTestBed.ApiKey);
        error.Message.ShouldNotContain("the-real-key");
        error.IsTransient.ShouldBeFalse();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Push_ServerError_Unavailable(int status)
    {
        var ann = await AnnAsync();
        _pbx.Override = context => FakePbx.Error(context, status, "boom", "Internal error.");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task Push_GarbageBody_Unavailable()
    {
        var ann = await AnnAsync();
        _pbx.Override = async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>proxy error</html>");
        };

        await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));
    }

    [Fact]
    public async Task Push_ListItemWithoutId_Unavailable()
    {
        var ann = await AnnAsync();
        _pbx.Override = context => FakePbx.Json(context, 200, JsonNode.Parse("""{"items":[{"extension":"10"}],"page":1,"pageSize":50,"totalItems":1}""")!);

        await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));
    }

    [Fact]
    public async Task Push_PbxRejectsVoicemail_RejectedWithoutThePin()
    {
        var ann = await AnnAsync();
        var id = _pbx.AddExtension("10");
        // A PBX that echoes the PIN in its error text.
        _pbx.Override = context => context.Request.Path.Value!.EndsWith("/voicemail")
            ? FakePbx.Error(context, 400, "invalid_pin", $"PIN {Pin} is too weak.")
            : FakePbx.Json(context, 200, _pbx.Extensions[id]);

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann, id));

        error.StatusCode.ShouldBe(400);
        error.Message.ShouldContain("invalid_pin");
        error.Message.ShouldNotContain(Pin);
    }

    [Fact]
    public async Task Push_ExtensionTakenAtPbx_RejectedWithConflictStatus()
    {
        var ann = await AnnAsync();
        var annId = _pbx.AddExtension("20");
        _pbx.AddExtension("10", "Someone", "Else");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann, annId));

        error.StatusCode.ShouldBe(409);
        error.Message.ShouldContain("Extension 10 already exists");
    }

    [Fact]
    public async Task Push_PbxDoesNotAnswerInTime_Unavailable()
    {
        await using var pbx = await FakePbx.StartAsync();
        await using var bed = PbxTestBed.Create(pbx.BaseAddress, extra: "\"requestTimeoutSeconds\": 1");
        var ann = await bed.AddMemberAsync("Ann", "Lee", "10");
        pbx.Override = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() =>
            bed.Harness.Send(new PushUser(bed.Directory.ContextOf(ann.Id), PushOperation.Upsert, null, "k")));

        error.Message.ShouldContain("did not answer");
    }

    [Fact]
    public async Task Push_PbxUnreachable_Unavailable()
    {
        var port = _pbx.BaseAddress.Port;
        await _pbx.DisposeAsync();
        _pbx = await FakePbx.StartAsync();
        await using var bed = PbxTestBed.Create(new Uri($"http://127.0.0.1:{port}/"));
        var ann = await bed.AddMemberAsync("Ann", "Lee", "10");

        await Should.ThrowAsync<VendorUnavailableException>(() =>
            bed.Harness.Send(new PushUser(bed.Directory.ContextOf(ann.Id), PushOperation.Upsert, null, "k")));
    }

    [Fact]
    public async Task ListVendorUsers_Pages_WithExtensionAsMatchKey()
    {
        foreach (var number in new[] { "10", "11", "12", "13", "14" })
        {
            _pbx.AddExtension(number);
        }

        var first = await _bed.Harness.Send(new ListVendorUsers(null, 2));
        var second = await _bed.Harness.Send(new ListVendorUsers(first.NextCursor, 2));
        var last = await _bed.Harness.Send(new ListVendorUsers(second.NextCursor, 2));

        first.Items.Select(i => i.MatchKey).ShouldBe(["10", "11"]);
        second.Items.Select(i => i.MatchKey).ShouldBe(["12", "13"]);
        last.Items.Select(i => i.MatchKey).ShouldBe(["14"]);
        last.NextCursor.ShouldBeNull();
        first.Items[0].Fields["username"]!.GetValue<string>().ShouldBe("Ann");
        first.Items[0].Fields["voicemail"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ListVendorUsers_FieldsShapedLikeProjection()
    {
        var ann = await AnnAsync();
        await PushAsync(ann);

        var page = await _bed.Harness.Send(new ListVendorUsers(null, 50));
        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(ann)));

        // The PBX cannot report the greeting's content, so it is the one key the vendor side lacks.
        var vendor = page.Items.ShouldHaveSingleItem();
        vendor.MatchKey.ShouldBe(projection.MatchKey);
        var comparable = projection.Payload.DeepClone().AsObject();
        comparable.Remove("greeting").ShouldBeTrue();
        JsonNode.DeepEquals(vendor.Fields, comparable).ShouldBeTrue($"{vendor.Fields.ToJsonString()} vs {comparable.ToJsonString()}");
    }

    [Fact]
    public async Task ListVendorUsers_PbxLostThePin_PinKeyDiffersFromProjection()
    {
        var ann = await AnnAsync();
        var pushed = await PushAsync(ann);
        _pbx.Extensions[pushed.VendorId!]["voicemail"]!["hasPassword"] = false;

        var page = await _bed.Harness.Send(new ListVendorUsers(null, 50));
        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(ann)));

        var fields = page.Items.ShouldHaveSingleItem().Fields;
        fields.ContainsKey("voicemailPassword").ShouldBeTrue();
        fields["voicemailPassword"].ShouldBeNull();
        projection.Payload["voicemailPassword"]!.GetValue<string>().ShouldBe("********");
    }

    [Fact]
    public async Task ListVendorUsers_ForeignCursor_Rejected()
    {
        await Should.ThrowAsync<ArgumentException>(() => _bed.Harness.Send(new ListVendorUsers("abc", 10)));
    }

    /// <summary>A PBX record without e-mail, as made by hand; names as given, username set separately.</summary>
    private string HandMadeRecord(string firstName, string lastName, string username)
    {
        var id = _pbx.AddExtension("10", firstName, lastName);
        _pbx.Extensions[id]["username"] = username;
        return id;
    }

    [Fact]
    public async Task Push_WithoutVendorIdRecordWithoutEmailOrNamesButSameUsername_Adopted()
    {
        var ann = await AnnAsync();
        var record = HandMadeRecord("", "", "ann");

        var result = await PushAsync(ann);

        (result.VendorId, result.State).ShouldBe((record, "updated"));
        _pbx.Extensions[record]["lastName"]!.GetValue<string>().ShouldBe("Lee");
    }

    [Fact]
    public async Task Push_WithoutVendorIdRecordWithoutNamesAndOtherUsername_RejectedNamingTheRecordAndTheUser()
    {
        var ann = await AnnAsync();
        var record = HandMadeRecord("", "", "reception");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.Message.ShouldBe($"Extension 10 already exists at the PBX and belongs to someone else (PBX record {record}); it was not changed. " +
            "Free the number at the PBX or give user 'ann.lee' another extension.");
        _pbx.Extensions[record]["username"]!.GetValue<string>().ShouldBe("reception");
    }

    [Fact]
    public async Task Push_WithoutVendorIdRecordWithOnlyALastNameOtherThanTheUsers_RejectedEvenWithSameUsername()
    {
        // When the PBX has a name, the names decide; the username (= a first name) alone is not enough.
        var ann = await AnnAsync();
        var record = HandMadeRecord("", "Other", "Ann");

        await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        _pbx.Extensions[record]["lastName"]!.GetValue<string>().ShouldBe("Other");
    }

    [Fact]
    public async Task Push_UserWithoutExtension_RejectedNamingTheUser()
    {
        var user = _bed.Directory.AddUser("carl.fox", "Carl", "Fox", settings: JsonNode.Parse("""{"doNotDisturb":true}""")!.AsObject());

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(user.Id));

        error.Message.ShouldBe("User 'carl.fox' has no PBX extension in their hosted PBX settings.");
        _pbx.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_WithoutVendorIdRecordWithSameFirstNameOnly_Rejected()
    {
        var ann = await AnnAsync();
        var record = HandMadeRecord("Ann", "Other", "Ann");

        await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        _pbx.Extensions[record]["lastName"]!.GetValue<string>().ShouldBe("Other");
    }

    [Theory]
    [InlineData("Ann", "Ann")]
    [InlineData("", "ann.lee")]
    public async Task Push_DeleteWithoutVendorIdRecordWithoutNames_DeletedWhenUsernameIsTheUsers(string firstName, string pbxUsername)
    {
        // The PBX username is the first name, or the core username when there is none.
        var user = _bed.Directory.AddUser("ann.lee", firstName, "Lee",
            settings: JsonNode.Parse("""{"extension":"10"}""")!.AsObject());
        var record = HandMadeRecord("", "", pbxUsername);

        var result = await PushAsync(user.Id, operation: PushOperation.Delete);

        result.State.ShouldBe("deleted");
        _pbx.Extensions.ShouldNotContainKey(record);
    }

    [Fact]
    public async Task Push_DeleteWithVendorId_DeletesWithoutLookupAndForgetsTheUploadedGreeting()
    {
        var ann = await AnnAsync();
        var created = await PushAsync(ann);
        (await _bed.Harness.Store.GetAsync(PushHostedPbxUser.GreetingUploads, created.VendorId!, CancellationToken.None)).ShouldNotBeNull();
        var before = _pbx.Calls.Count;

        await PushAsync(ann, created.VendorId, PushOperation.Delete);

        _pbx.Calls.Skip(before).Select(c => $"{c.Method} {c.Path}").ShouldBe([$"DELETE /api/v1/extensions/{created.VendorId}"]);
        (await _bed.Harness.Store.GetAsync(PushHostedPbxUser.GreetingUploads, created.VendorId!, CancellationToken.None)).ShouldBeNull();
    }
}
