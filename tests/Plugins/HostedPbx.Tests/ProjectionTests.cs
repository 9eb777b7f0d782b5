using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace HostedPbx.Tests;

public sealed class ProjectionTests : IAsyncLifetime
{
    private PbxTestBed _bed = null!;

    public Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task ProjectUser_FullSettings_PbxJsonWithFirstNameAsUsernameAndMaskedPin()
    {
        await _bed.AddMemberAsync("Bob", "Miller", "11");
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10", $$"""
            {"licenseType":"Admin","outboundCallerId":"{{PbxTestBed.SalesNumber}}","ringsBeforeVoicemail":6,"voicemailPassword":"4711",
             "greeting":{{AudioSamples.FileJson("hello.wav", AudioSamples.Wav(100))}},
             "forwardingEnabled":true,"forwardingDestinations":["11","+4989123456"],"ringStrategy":"sequential","doNotDisturb":true}
            """, email: "ann@example.com");

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(ann.Id)));

        var payload = projection.Payload;
        payload["username"]!.GetValue<string>().ShouldBe("Ann");
        payload["firstName"]!.GetValue<string>().ShouldBe("Ann");
        payload["lastName"]!.GetValue<string>().ShouldBe("Lee");
        payload["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        payload["licenseType"]!.GetValue<string>().ShouldBe("admin");
        payload["extension"]!.GetValue<string>().ShouldBe("10");
        payload["outboundCallerId"]!.GetValue<string>().ShouldBe(PbxTestBed.SalesNumber);
        payload["ringsBeforeVoicemail"]!.GetValue<int>().ShouldBe(6);
        payload["voicemail"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        payload["voicemail"]!["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        payload["voicemailPassword"]!.GetValue<string>().ShouldBe("********");
        payload["greeting"]!["fileName"]!.GetValue<string>().ShouldBe("hello.wav");
        payload["greeting"]!["sizeBytes"]!.GetValue<int>().ShouldBe(100);
        payload["greeting"]!["contentType"]!.GetValue<string>().ShouldBe("audio/wav");
        JsonNode.DeepEquals(payload["forwarding"], JsonNode.Parse(
            """{"enabled":true,"strategy":"sequential","destinations":[{"type":"internal","value":"11"},{"type":"external","value":"+4989123456"}]}""")).ShouldBeTrue();
        payload["doNotDisturb"]!.GetValue<bool>().ShouldBeTrue();
        payload.ToJsonString().ShouldNotContain("4711");
        projection.Warnings.ShouldBeEmpty();
        projection.MatchKey.ShouldBe("10");
    }

    [Fact]
    public async Task ProjectUser_VoicemailEmailSet_UsedInsteadOfUserEmail()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10", """{"voicemailEmail":"team@example.com"}""");

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(ann.Id)));

        projection.Payload["voicemail"]!["email"]!.GetValue<string>().ShouldBe("team@example.com");
        projection.Payload.ContainsKey("voicemailPassword").ShouldBeFalse();
    }

    [Fact]
    public async Task ProjectUser_ForwardingTargetDeleted_Warns()
    {
        var bob = await _bed.AddMemberAsync("Bob", "Miller", "11");
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10", """{"forwardingEnabled":true,"forwardingDestinations":["11"]}""");
        await _bed.Directory.DeleteUserAsync(bob.Id, CancellationToken.None);

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(ann.Id)));

        projection.Warnings.ShouldHaveSingleItem().ShouldContain("extension 11");
    }

    [Fact]
    public async Task ProjectUser_NoFirstName_UsernameFallsBackWithWarning()
    {
        var user = _bed.Directory.AddUser("jdoe", "", "Doe", "jdoe@example.com",
            settings: System.Text.Json.Nodes.JsonNode.Parse("""{"extension":"12"}""")!.AsObject());

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(user.Id)));

        projection.Payload["username"]!.GetValue<string>().ShouldBe("jdoe");
        projection.Warnings.ShouldContain(w => w.Contains("no first name"));
    }

    [Fact]
    public async Task ProjectUser_VoiceUserWithoutEmail_WarnsAboutPortalLogin()
    {
        var user = _bed.Directory.AddUser("jdoe", "John", "Doe", email: null,
            settings: JsonNode.Parse("""{"extension":"12","voicemailEnabled":false}""")!.AsObject());

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(user.Id)));

        projection.Warnings.ShouldHaveSingleItem().ShouldBe("The user has no e-mail; the e-mail is the PBX portal login, so they cannot sign in to the portal and get no invites.");
    }

    [Fact]
    public async Task ProjectUser_NoExtension_NothingToPush()
    {
        var user = _bed.Directory.AddUser("jdoe", "John", "Doe");

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(user.Id)));

        projection.Payload.ContainsKey("extension").ShouldBeTrue();
        projection.Payload["extension"].ShouldBeNull();
        projection.Warnings.ShouldHaveSingleItem().ShouldBe("The user has no extension yet; nothing is pushed to the PBX.");
    }

    [Fact]
    public async Task ProjectUser_StaleOrIncompleteData_EveryProblemWarned()
    {
        // Settings stored earlier that are no longer right: the caller ID was dropped from the inventory, the core
        // extension changed, the e-mail and last name were removed, the user was disabled, a forwarding target left.
        var user = _bed.Directory.AddUser("ann", "Ann", "", email: null, extension: "99", settings: JsonNode.Parse("""
            {"extension":"10","outboundCallerId":"+493099999999","licenseType":"Admin",
             "forwardingEnabled":true,"forwardingDestinations":["+4989123456","11"]}
            """)!.AsObject());
        var context = _bed.Directory.ContextOf(user.Id);

        var projection = await _bed.Harness.Send(new ProjectUser(context with { User = context.User with { Enabled = false } }));

        projection.Warnings.ShouldBe(
        [
            "The user has no last name; dial-by-name by last name will not find them.",
            "The user has an Admin licence but no e-mail; the e-mail is the PBX portal login, so they cannot sign in to the portal.",
            "Outbound caller ID +493099999999 is no longer in the number inventory; the PBX may refuse it.",
            "The core extension 99 differs from the PBX extension 10; the PBX uses 10.",
            "The user is disabled in the core model; the PBX has no disabled state, so the extension stays reachable.",
            "Voicemail is enabled but neither a voicemail e-mail nor the user's e-mail is set; messages stay in the voicemail center.",
            "Forwarding destination 2 points at extension 11, which no user has any more.",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task ProjectUser_SettingsStoredWithoutDefaults_ReadWithTheDefaults()
    {
        // A document written before some fields existed: missing flags take the schema defaults, a number stored as
        // text is read, blank forwarding entries are skipped and a greeting without name or type gets placeholders.
        var user = _bed.Directory.AddUser("ann", "Ann", "Lee", "ann@example.com", settings: JsonNode.Parse($$$"""
            {"extension":"10","ringsBeforeVoicemail":"6","forwardingDestinations":[" +4989123456 "," "],
             "greeting":{"data":"{{{Convert.ToBase64String(AudioSamples.Wav(60))}}}"}}
            """)!.AsObject());

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(user.Id)));

        var payload = projection.Payload;
        payload["ringsBeforeVoicemail"]!.GetValue<int>().ShouldBe(6);
        payload["voicemail"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        payload["doNotDisturb"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode.DeepEquals(payload["forwarding"], JsonNode.Parse(
            """{"enabled":false,"strategy":"simultaneous","destinations":[{"type":"external","value":"+4989123456"}]}""")).ShouldBeTrue(payload["forwarding"]!.ToJsonString());
        payload["greeting"]!["fileName"]!.GetValue<string>().ShouldBe("greeting");
        payload["greeting"]!["contentType"]!.GetValue<string>().ShouldBe("application/octet-stream");
    }
}
