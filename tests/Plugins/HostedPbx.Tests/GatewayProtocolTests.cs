using ConnectorHost.Testing;
using HostedPbx.Testing;
using System.Globalization;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;

namespace HostedPbx.Tests;

/// <summary>What goes over the wire to the PBX: headers, the API key's safety in errors, scripted PBX failures, paging limits.</summary>
public sealed class GatewayProtocolTests : IAsyncLifetime
{
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

    private async Task<Guid> AnnAsync() => (await _bed.AddMemberAsync("Ann", "Lee", "10", email: "ann@example.com")).Id;

    private Task<PushResult> PushAsync(Guid userId, string? vendorId = null) =>
        _bed.Harness.Send(new PushUser(_bed.Directory.ContextOf(userId), PushOperation.Upsert, vendorId, $"key-{userId}"));

    private static bool IsProfilePut(VendorCall call) => call.Method == "PUT" && call.Path.Count(c => c == '/') == 4;

    [Fact]
    public async Task Push_NewUser_CreateCarriesThePushIdempotencyKeyAndEveryCallTheApiKey()
    {
        var ann = await AnnAsync();

        await PushAsync(ann);

        // The PBX drops a repeated create with the same key, so the key must be the push's own, not a fresh one per call.
        _pbx.Calls.Single(c => c.Method == "POST").Header("Idempotency-Key").ShouldBe($"key-{ann}");
        _pbx.Calls.Count.ShouldBeGreaterThan(1);
        _pbx.Calls.ShouldAllBe(c => c.Header("Authorization") == $"Bearer {PbxTestBed.ApiKey}");
        _pbx.Calls.ShouldAllBe(c => c.Header("Accept") == "application/json");
    }

    [Fact]
    public async Task Push_PbxErrorTextEchoesTheApiKey_ReasonKeptButKeyNotInTheException()
    {
        var ann = await AnnAsync();
        var id = _pbx.AddExtension("10", email: "ann@example.com");
        _pbx.Fail(400, when: IsProfilePut, message: $"Key {PbxTestBed.ApiKey} may not change extension 10.");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann, id));

        error.StatusCode.ShouldBe(400);
        error.Message.ShouldEndWith(": Key *** may not change extension 10.");
        error.Message.ShouldNotContain(PbxTestBed.ApiKey);
        error.ToString().ShouldNotContain(PbxTestBed.ApiKey);
    }

    [Fact]
    public async Task Push_Pbx403_AuthenticationErrorWithoutTheKey()
    {
        var ann = await AnnAsync();
        _pbx.Fail(403, message: $"Key {PbxTestBed.ApiKey} lacks the users scope.");

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => PushAsync(ann));

        error.IsTransient.ShouldBeFalse();
        error.Message.ShouldContain("HTTP 403");
        error.Message.ShouldEndWith("check the connector's apiKey setting.");
        error.Message.ShouldNotContain(PbxTestBed.ApiKey);
    }

    [Fact]
    public async Task Push_Pbx408_UnavailableSoTheSyncRetries()
    {
        var ann = await AnnAsync();
        _pbx.Fail(408);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.IsTransient.ShouldBeTrue();
        error.Message.ShouldContain("HTTP 408");
        _pbx.Extensions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_Pbx503WithRetryAfterOnTheCreate_UnavailableCarryingTheDelay()
    {
        var ann = await AnnAsync();
        _pbx.Fail(503, retryAfter: "45", when: c => c.Method == "POST");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(45));
        error.Message.ShouldContain("POST /api/v1/extensions");
    }

    [Fact]
    public async Task Push_RetryAfterAsHttpDate_DelayUntilThatDate()
    {
        var ann = await AnnAsync();
        var inAnHour = DateTimeOffset.UtcNow.AddHours(1);
        _pbx.Fail(429, retryAfter: inAnHour.ToString("r", CultureInfo.InvariantCulture));

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        // The header has whole seconds and some time passes before it is read: anything within the hour is right.
        error.RetryAfter!.Value.ShouldBeInRange(TimeSpan.FromMinutes(55), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Push_RetryAfterDateAlreadyPassed_RetryAtOnce()
    {
        var ann = await AnnAsync();
        _pbx.Fail(503, retryAfter: DateTimeOffset.UtcNow.AddHours(-1).ToString("r", CultureInfo.InvariantCulture));

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.RetryAfter.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Push_ScriptedFailureUsedUp_NextPushGoesThrough()
    {
        var ann = await AnnAsync();
        _pbx.Fail(502, when: c => c.Method == "POST");
        await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        var result = await PushAsync(ann);

        result.State.ShouldBe("created");
        _pbx.Calls.Where(c => c.Method == "POST").Select(c => c.Header("Idempotency-Key")).Distinct().ShouldBe([$"key-{ann}"]);
    }

    [Theory]
    [InlineData(1000, FakePbx.MaxPageSize)]
    [InlineData(0, 1)]
    public async Task ListVendorUsers_PageSizeOutsideWhatThePbxServes_AsksWithinItsLimits(int asked, int expected)
    {
        for (var i = 0; i <= FakePbx.MaxPageSize; i++)
        {
            _pbx.AddExtension((1000 + i).ToString(CultureInfo.InvariantCulture));
        }

        var page = await _bed.Harness.Send(new ListVendorUsers(null, asked));

        page.Items.Count.ShouldBe(expected);
        page.NextCursor.ShouldBe("2");
    }

    [Fact]
    public async Task Push_ProfileUpdateAnsweredWithoutJson_UpdateCountsAndTheRestIsSent()
    {
        var ann = await AnnAsync();
        var id = _pbx.AddExtension("10", email: "ann@example.com");
        _pbx.AnswerRaw(200, "OK", IsProfilePut, contentType: "text/plain");

        var result = await PushAsync(ann, id);

        (result.VendorId, result.State).ShouldBe((id, "updated"));
        _pbx.Calls.ShouldContain(c => c.Path == $"/api/v1/extensions/{id}/dnd");
        // The update counts as done: no lookup by number and no second update follow.
        _pbx.Calls.ShouldNotContain(c => c.Method == "GET");
        _pbx.Calls.Count(IsProfilePut).ShouldBe(1);
    }

    [Fact]
    public async Task Push_RejectedWithOnlyAnErrorCode_CodeShown()
    {
        var ann = await AnnAsync();
        _pbx.AnswerRaw(422, """{"error":{"code":"extension_reserved"}}""", c => c.Method == "POST");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.StatusCode.ShouldBe(422);
        error.Message.ShouldBe("The PBX answered HTTP 422 to POST /api/v1/extensions: extension_reserved");
    }

    [Fact]
    public async Task Push_RejectedWithPlainTextBody_StatusOnly()
    {
        var ann = await AnnAsync();
        _pbx.AnswerRaw(400, "Bad Request", c => c.Method == "POST", contentType: "text/plain");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.Message.ShouldBe("The PBX answered HTTP 400 to POST /api/v1/extensions.");
    }

    [Fact]
    public async Task Push_RejectedWithVeryLongReason_ReasonShortened()
    {
        var ann = await AnnAsync();
        _pbx.Fail(409, when: c => c.Method == "POST", message: "Taken. " + new string('x', 2000));

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.Message.ShouldContain("Taken. xxx");
        error.Message.ShouldEndWith("x…");
        error.Message.Length.ShouldBeLessThan(400);
    }

    [Fact]
    public async Task Push_PbxUnreachable_UnavailableSayingSo()
    {
        var port = _pbx.BaseAddress.Port;
        await _pbx.DisposeAsync();
        _pbx = await FakePbx.StartAsync();
        await using var bed = PbxTestBed.Create(new Uri($"http://127.0.0.1:{port}/"));
        var ann = await bed.AddMemberAsync("Ann", "Lee", "10");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() =>
            bed.Harness.Send(new PushUser(bed.Directory.ContextOf(ann.Id), PushOperation.Upsert, null, "k")));

        error.Message.ShouldStartWith("The PBX could not be reached for GET /api/v1/extensions");
    }

    [Theory]
    [InlineData(429, "is rate limiting requests")]
    [InlineData(408, "timed out receiving the request")]
    [InlineData(500, "answered HTTP 500 to")]
    public async Task Push_TransientPbxAnswer_MessageSaysWhatHappened(int status, string wording)
    {
        var ann = await AnnAsync();
        _pbx.Fail(status);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.Message.ShouldContain($"The PBX {wording}");
        error.Message.ShouldContain($"HTTP {status}");
    }

    [Fact]
    public async Task ListVendorUsers_CursorZero_Rejected()
    {
        var error = await Should.ThrowAsync<ArgumentException>(() => _bed.Harness.Send(new ListVendorUsers("0", 10)));

        error.Message.ShouldStartWith("'0' is not a cursor this connector returned.");
        _pbx.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public async Task Push_RejectedWithLongReason_ShortenedOnlyPastThreeHundredCharacters(int length, bool shortened)
    {
        var ann = await AnnAsync();
        var reason = new string('r', length);
        _pbx.Fail(409, when: c => c.Method == "POST", message: reason);

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.Message.ShouldEndWith(shortened ? $": {reason[..300]}…" : $": {reason}");
    }

    [Theory]
    [InlineData("""{"error":{}}""")]
    [InlineData("""{"error":{"code":" ","message":null}}""")]
    [InlineData("""{}""")]
    public async Task Push_RejectedWithoutAnyReason_StatusOnly(string body)
    {
        var ann = await AnnAsync();
        _pbx.AnswerRaw(400, body, c => c.Method == "POST");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(ann));

        error.Message.ShouldBe("The PBX answered HTTP 400 to POST /api/v1/extensions.");
    }

    [Fact]
    public async Task Push_CreateAnsweredWithBlankId_UnavailableNothingRecorded()
    {
        var ann = await AnnAsync();
        _pbx.AnswerRaw(201, """{"id":" ","extension":"10"}""", c => c.Method == "POST");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.Message.ShouldBe("The PBX answered POST /api/v1/extensions without an extension id.");
        _pbx.Calls.ShouldNotContain(c => c.Path.Contains("/voicemail"));
    }

    [Theory]
    [InlineData("""{"items":[{"id":null,"extension":"10"}],"page":1,"pageSize":50,"totalItems":1}""")]
    [InlineData("""{"items":[{"extension":"10"}],"page":1,"pageSize":50,"totalItems":1}""")]
    [InlineData("""<html>proxy error</html>""")]
    public async Task Push_LookupAnsweredWithUnusableBody_UnavailableSayingSo(string body)
    {
        var ann = await AnnAsync();
        _pbx.AnswerRaw(200, body, c => c.Method == "GET");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(ann));

        error.Message.ShouldStartWith("The PBX answered GET /api/v1/extensions (HTTP 200) with a body that is not the expected JSON (");
    }

    [Fact]
    public async Task ListVendorUsers_CursorOne_FirstPage()
    {
        _pbx.AddExtension("10");

        var page = await _bed.Harness.Send(new ListVendorUsers("1", 10));

        page.Items.ShouldHaveSingleItem().MatchKey.ShouldBe("10");
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task ListVendorUsers_PbxCountsMoreThanItHandsOut_StopsAtTheEmptyPage()
    {
        // Records deleted while paging: the total is stale, and an empty page must end the listing, not loop.
        _pbx.AnswerRaw(200, """{"items":[],"page":3,"pageSize":2,"totalItems":9}""", c => c.Method == "GET");

        var page = await _bed.Harness.Send(new ListVendorUsers("3", 2));

        page.Items.ShouldBeEmpty();
        page.NextCursor.ShouldBeNull();
    }
}
