using System.Net;
using ConnectorHost.Sdk.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace ConnectorHost.Sdk.Tests;

/// <summary>One send-and-check for every gateway: success, a tolerated 404, and the vendor's reason only on refusals; plus page-number cursors.</summary>
public sealed class VendorSendCheckedTests
{
    private sealed class Answering(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body) });
    }

    private static async Task<HttpResponseMessage?> SendAsync(HttpStatusCode status, bool notFoundIsNull = false, string body = "Username taken")
    {
        using var client = new HttpClient(new Answering(status, body)) { BaseAddress = new Uri("https://acme.example/") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/users");
        return await VendorHttp.SendCheckedAsync(client, request, "CommPeak", new FakeTimeProvider(), CancellationToken.None, notFoundIsNull,
            async (response, ct) => await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task SendChecked_Success_ReturnsTheResponse()
    {
        using var response = await SendAsync(HttpStatusCode.Created);

        response!.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SendChecked_NotFoundTolerated_Null()
    {
        (await SendAsync(HttpStatusCode.NotFound, notFoundIsNull: true)).ShouldBeNull();
    }

    [Fact]
    public async Task SendChecked_Refusal_RejectedWithTheVendorsReason()
    {
        var error = await Should.ThrowAsync<VendorRejectedException>(() => SendAsync((HttpStatusCode)422));

        error.Message.ShouldBe("CommPeak answered HTTP 422 to POST /api/users: Username taken");
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task SendChecked_NotARefusal_ReasonNotAsked(int status)
    {
        var error = await Should.ThrowAsync<VendorException>(() => SendAsync((HttpStatusCode)status, body: "echo of password hunter2"));

        error.Message.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task SendChecked_CredentialsRefusedWithHint_MessageNamesWhereToFixThem(int status)
    {
        using var client = new HttpClient(new Answering((HttpStatusCode)status, "")) { BaseAddress = new Uri("https://acme.example/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/users?apikey=k-123");

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => VendorHttp.SendCheckedAsync(client, request, "Connectel",
            new FakeTimeProvider(), CancellationToken.None, notFoundIsNull: false, vendorReason: null, credentialsHint: "the connector's apiKey setting"));

        error.Message.ShouldBe($"Connectel answered HTTP {status} to GET /api/users: the credentials were refused or lack permission; check the connector's apiKey setting.");
    }

    [Theory]
    [InlineData(422, "Connectel answered HTTP 422 to POST /api/users.")]
    [InlineData(503, "Connectel answered HTTP 503 to POST /api/users.")]
    public void ErrorFor_CredentialsHintOnAnotherError_NotMentioned(int status, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/users");
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };

        VendorHttp.ErrorFor(response, "Connectel", new FakeTimeProvider(), null, "the connector's apiKey setting").Message.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("3", 3)]
    public void Page_CursorIssued_ThePageNumber(string? cursor, int page)
    {
        VendorPageCursor.Page(cursor).ShouldBe(page);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    public void Page_CursorNeverIssued_ArgumentException(string cursor)
    {
        Should.Throw<ArgumentException>(() => VendorPageCursor.Page(cursor)).Message.ShouldContain($"'{cursor}'");
    }

    [Fact]
    public void Next_MoreOrNot_NextPageOrEnd()
    {
        VendorPageCursor.Next(2, more: true).ShouldBe("3");
        VendorPageCursor.Next(2, more: false).ShouldBeNull();
    }
}
