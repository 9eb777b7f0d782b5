using System.Net;
using System.Net.Http.Headers;
using ConnectorHost.Sdk.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace ConnectorHost.Sdk.Tests;

/// <summary>How vendor answers become waits and values the sync engine and the rules act on.</summary>
public sealed class VendorHttpTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Answer(HttpStatusCode status, RetryConditionHeaderValue? retryAfter)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Fact]
    public void RetryAfter_HttpDateInTheFuture_IsTheTimeUntilThatDate()
    {
        using var response = Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Now.AddSeconds(90)));

        VendorHttp.RetryAfter(response, new FakeTimeProvider(Now)).ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void RetryAfter_HttpDateAlreadyPassed_IsNoWait()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(Now.AddSeconds(-5)));

        VendorHttp.RetryAfter(response, new FakeTimeProvider(Now)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void RetryAfter_Seconds_IsThatDelay()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(12)));

        VendorHttp.RetryAfter(response, new FakeTimeProvider(Now)).ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void RetryAfter_NoHeader_IsNull()
    {
        using var response = Answer(HttpStatusCode.ServiceUnavailable, null);

        VendorHttp.RetryAfter(response, new FakeTimeProvider(Now)).ShouldBeNull();
    }

    [Theory]
    [InlineData(500, typeof(VendorUnavailableException), "Business Central answered HTTP 500 to GET /v2.0/x.")]
    [InlineData(404, typeof(VendorRejectedException), "Business Central answered HTTP 404 to GET /v2.0/x.")]
    [InlineData(429, typeof(VendorUnavailableException), "Business Central is rate limiting requests (HTTP 429 to GET /v2.0/x).")]
    [InlineData(408, typeof(VendorUnavailableException), "Business Central timed out receiving the request (HTTP 408 to GET /v2.0/x).")]
    [InlineData(403, typeof(VendorAuthenticationException), "Business Central answered HTTP 403 to GET /v2.0/x: the credentials were refused or lack permission.")]
    public void EnsureSuccess_FailureStatus_IsTheSdkErrorNamingVendorCallAndStatus(int status, Type expected, string message)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v2.0/x?$select=id"),
        };

        var error = Should.Throw<VendorException>(() => VendorHttp.EnsureSuccess(response, "Business Central", new FakeTimeProvider(Now)));

        error.ShouldBeOfType(expected);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8093/api/v1/extensions?extension=42&apiKey=secret", "GET /api/v1/extensions")]
    [InlineData("api/v1/extensions/7/messages?page=2", "GET /api/v1/extensions/7/messages")]
    [InlineData("https://user:pw@pbx.example.com/rest/users/5#frag", "GET /rest/users/5")]
    public void Describe_AbsoluteOrRelativeUri_MethodAndPathOnly(string uri, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.RelativeOrAbsolute));

        VendorHttp.Describe(request).ShouldBe(expected);
    }

    [Fact]
    public void ErrorFor_RejectionWithVendorReason_AppendsReasonAndStatus()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Post, "https://pbx.example.com/api/v1/extensions?token=abc"),
        };

        var error = VendorHttp.ErrorFor(response, "The PBX", new FakeTimeProvider(Now), "extension 201 is taken");

        error.ShouldBeOfType<VendorRejectedException>().StatusCode.ShouldBe(409);
        error.Message.ShouldBe("The PBX answered HTTP 409 to POST /api/v1/extensions: extension 201 is taken");
    }

    [Fact]
    public void ErrorFor_RequestTimeoutWithRetryAfter_IsTransientWithThatWait()
    {
        using var response = Answer(HttpStatusCode.RequestTimeout, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var error = VendorHttp.ErrorFor(response, "The PBX", new FakeTimeProvider(Now));

        error.IsTransient.ShouldBeTrue();
        error.ShouldBeOfType<VendorUnavailableException>().RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task ReadJsonAsync_HtmlBody_UnavailableNamingCallTypeAndSizeNotTheBody()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://pbx.example.com/api/v1/extensions?q=secret"),
            Content = new StringContent("<html>502 proxy error</html>", System.Text.Encoding.UTF8, "text/html"),
        };

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => VendorHttp.ReadJsonAsync(response, "The PBX", CancellationToken.None));

        error.Message.ShouldBe("The PBX answered GET /api/v1/extensions (HTTP 200) with a body that is not the expected JSON (text/html, 28 characters).");
    }

    [Fact]
    public async Task ReadJsonAsyncTyped_MissingRequiredMember_Unavailable()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://pbx.example.com/x"),
            Content = new StringContent("{\"name\":\"a\"}"),
        };
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };

        await Should.ThrowAsync<VendorUnavailableException>(() => VendorHttp.ReadJsonAsync<Named>(response, "The PBX", options, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_VendorSlowerThanTimeout_UnavailableNamingTheWait()
    {
        await using var vendor = await SlowVendor.StartAsync(TimeSpan.FromSeconds(10));
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(vendor.BaseAddress, "slow?key=secret"));

        var error = await Should.ThrowAsync<VendorUnavailableException>(() =>
            VendorHttp.SendAsync(client, request, "The PBX", CancellationToken.None, TimeSpan.FromMilliseconds(200)));

        error.Message.ShouldBe("The PBX did not answer GET /slow within 0.2 s.");
    }

    [Fact]
    public async Task SendAsync_CallerCancels_StaysCancellationNotAVendorError()
    {
        await using var vendor = await SlowVendor.StartAsync(TimeSpan.FromSeconds(10));
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(vendor.BaseAddress, "slow"));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Should.ThrowAsync<OperationCanceledException>(() =>
            VendorHttp.SendAsync(client, request, "The PBX", caller.Token, TimeSpan.FromSeconds(30)));

        error.ShouldNotBeAssignableTo<VendorException>();
    }

    [Fact]
    public async Task SendAsync_NobodyListening_UnavailableNamingTheCall()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "http://127.0.0.1:1/api/v1/extensions/9?pin=1234");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => VendorHttp.SendAsync(client, request, "The PBX", CancellationToken.None));

        error.Message.ShouldStartWith("The PBX could not be reached for DELETE /api/v1/extensions/9 (");
        error.Message.ShouldNotContain("1234");
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("\"17\"", 17L)]
    [InlineData("\"x\"", null)]
    [InlineData("true", null)]
    public void Number_JsonNumberOrDigitText_ReadsWholeNumber(string json, long? expected)
    {
        VendorJson.Number(System.Text.Json.Nodes.JsonNode.Parse(json)).ShouldBe(expected);
    }

    [Fact]
    public void Expect_WrongShape_UnavailableNamingWhatWasMissing()
    {
        var error = Should.Throw<VendorUnavailableException>(() => VendorJson.Expect<System.Text.Json.Nodes.JsonArray>(new System.Text.Json.Nodes.JsonObject(), "STARFACE", "the user list"));

        error.Message.ShouldBe("STARFACE answered with unexpected JSON: the user list is missing or has the wrong type.");
    }

    private sealed record Named(string Id, string Name);
}
