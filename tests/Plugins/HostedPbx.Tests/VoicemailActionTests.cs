using HostedPbx.Testing;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Microsoft.AspNetCore.Http;

namespace HostedPbx.Tests;

public sealed class VoicemailActionTests : IAsyncLifetime
{
    private FakePbx _pbx = null!;
    private PbxTestBed _bed = null!;
    private Guid _ann;
    private string _annAtPbx = "";

    public async Task InitializeAsync()
    {
        _pbx = await FakePbx.StartAsync();
        _bed = PbxTestBed.Create(_pbx.BaseAddress);
        _ann = (await _bed.AddMemberAsync("Ann", "Lee", "10")).Id;
        _annAtPbx = _pbx.AddExtension("10");
        _pbx.AddMessage(_annAtPbx, "m-1", DateTimeOffset.Parse("2025-03-01T08:00:00Z"), AudioSamples.Wav(80));
        _pbx.AddMessage(_annAtPbx, "m-2", DateTimeOffset.Parse("2025-03-02T09:30:00Z"), AudioSamples.Mp3(90), "audio/mpeg");
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await _pbx.DisposeAsync();
    }

    [Fact]
    public async Task Messages_List_NewestFirstFromThePbx()
    {
        var body = await _bed.InvokeJsonAsync("voicemail-messages", _ann);

        body["extension"]!.GetValue<string>().ShouldBe("10");
        var messages = body["messages"]!.AsArray();
        messages.Select(m => m!["id"]!.GetValue<string>()).ShouldBe(["m-2", "m-1"]);
        messages[0]!["from"]!.GetValue<string>().ShouldBe("+4989123456");
        messages[0]!["durationSeconds"]!.GetValue<int>().ShouldBe(12);
        _pbx.Calls.ShouldAllBe(c => c.Header("Authorization") == $"Bearer {PbxTestBed.ApiKey}");
    }

    [Fact]
    public async Task Message_Download_ReturnsTheAudio()
    {
        var file = (await _bed.InvokeAsync("voicemail-message", _ann, """{"messageId":"m-2"}""")).ShouldBeOfType<FileActionResult>();

        file.Content.ShouldBe(AudioSamples.Mp3(90));
        file.ContentType.ShouldBe("audio/mpeg");
        file.FileName.ShouldBe("voicemail-10-m-2.mp3");
    }

    [Fact]
    public async Task Message_Delete_RemovesItAtThePbx()
    {
        var body = await _bed.InvokeJsonAsync("voicemail-message-delete", _ann, """{"messageId":"m-1"}""");
        var again = await _bed.InvokeAsync("voicemail-message-delete", _ann, """{"messageId":"m-1"}""");

        body["deleted"]!.GetValue<bool>().ShouldBeTrue();
        _pbx.Messages[_annAtPbx].Select(m => m.Message["id"]!.GetValue<string>()).ShouldBe(["m-2"]);
        again.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Message_DownloadUnknownId_NotFound()
    {
        var result = await _bed.InvokeAsync("voicemail-message", _ann, """{"messageId":"m-404"}""");

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"messageId":"../../extensions"}""")]
    public async Task Message_MissingOrUnsafeId_BadRequestWithoutCallingThePbx(string input)
    {
        var result = await _bed.InvokeAsync("voicemail-message", _ann, input);

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(400);
        _pbx.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_UserNotYetOnThePbx_NotFound()
    {
        var bob = (await _bed.AddMemberAsync("Bob", "Miller", "11")).Id;

        var result = await _bed.InvokeAsync("voicemail-messages", bob);

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Messages_PbxOverloaded_UnavailableWithRetryAfterForTheHost()
    {
        _pbx.Override = context =>
        {
            context.Response.Headers.RetryAfter = "30";
            return FakePbx.Error(context, StatusCodes.Status503ServiceUnavailable, "maintenance", "Down for maintenance.");
        };

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => _bed.InvokeAsync("voicemail-messages", _ann));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("", "application/octet-stream")]
    [InlineData("audio/ogg", "audio/ogg")]
    public async Task Message_DownloadNeitherWavNorMp3_PbxTypeOrOctetStream(string pbxContentType, string expected)
    {
        _pbx.AddMessage(_annAtPbx, "m-3", DateTimeOffset.Parse("2025-03-03T10:00:00Z"), "OggS-not-sniffed"u8.ToArray(), pbxContentType);

        var file = (await _bed.InvokeAsync("voicemail-message", _ann, """{"messageId":"m-3"}""")).ShouldBeOfType<FileActionResult>();

        file.ContentType.ShouldBe(expected);
        file.FileName.ShouldBe("voicemail-10-m-3.bin");
    }
}
