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

        projection.Warnings.ShouldHaveSingleItem().ShouldContain("portal login");
    }

    [Fact]
    public async Task ProjectUser_NoExtension_NothingToPush()
    {
        var user = _bed.Directory.AddUser("jdoe", "John", "Doe");

        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(user.Id)));

        projection.Payload["extension"].ShouldBeNull();
        projection.Warnings.ShouldHaveSingleItem();
    }
}
