using System.Net;
using System.Net.Http.Headers;
using ConnectorHost.Sdk.Gateway;
using Microsoft.Extensions.Time.Testing;
using Starface.Cti.Gateway;

namespace Starface.Cti.Tests;

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
    [InlineData(429, typeof(VendorUnavailableException), "Business Central answered HTTP 429 to GET /v2.0/x.")]
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
}
