using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Gateway;

/// <summary>
/// The HTTP side of a vendor gateway, the same for every connector: a call that tells its own timeout from the
/// caller hanging up, HTTP status → <see cref="VendorException"/> (the type the sync engine decides retries by),
/// Retry-After in both forms, JSON bodies read with a clear error on garbage, and a call description that holds
/// method and path only (never host, query or body, which may carry secrets or search terms).
/// </summary>
public static class VendorHttp
{
    /// <summary>
    /// Sends <paramref name="request"/>. Network failures and our own timeout (<paramref name="timeout"/>, else the
    /// client's) become <see cref="VendorUnavailableException"/>; a cancelled <paramref name="cancellationToken"/>
    /// stays an <see cref="OperationCanceledException"/>, because the caller left and nothing is wrong with the vendor.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string vendor, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var deadline = timeout is { } limit ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        deadline?.CancelAfter(timeout!.Value);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline?.Token ?? cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var waited = timeout ?? client.Timeout;
            var within = waited == Timeout.InfiniteTimeSpan ? "" : $" within {waited.TotalSeconds:0.#} s";
            throw new VendorUnavailableException($"{vendor} did not answer {Describe(request)}{within}.", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new VendorUnavailableException($"{vendor} could not be reached for {Describe(request)} ({e.HttpRequestError}).", inner: e);
        }
    }

    /// <summary>
    /// Sends like <see cref="SendAsync"/> and checks the answer: a success is returned (the caller disposes it), a 404 is
    /// null when <paramref name="notFoundIsNull"/> (e.g. "the record is gone"), anything else throws <see cref="ErrorFor(HttpResponseMessage, string, TimeProvider, string, string)"/>.
    /// <paramref name="vendorReason"/> reads the vendor's own short explanation from a refusal (a 4xx other than
    /// 401/403/408/429, where it tells the admin what to fix); it must return secret-free text or null.
    /// </summary>
    public static Task<HttpResponseMessage?> SendCheckedAsync(HttpClient client, HttpRequestMessage request, string vendor, TimeProvider time,
        CancellationToken cancellationToken, bool notFoundIsNull = false, Func<HttpResponseMessage, CancellationToken, Task<string?>>? vendorReason = null) =>
        SendCheckedAsync(client, request, vendor, time, cancellationToken, notFoundIsNull, vendorReason, credentialsHint: null);

    /// <summary>
    /// <see cref="SendCheckedAsync(HttpClient, HttpRequestMessage, string, TimeProvider, CancellationToken, bool, Func{HttpResponseMessage, CancellationToken, Task{string}})"/>
    /// with <paramref name="credentialsHint"/>: where the admin fixes refused credentials (see <see cref="ErrorFor(HttpResponseMessage, string, TimeProvider, string, string)"/>). Since SDK 2.2.
    /// </summary>
    public static async Task<HttpResponseMessage?> SendCheckedAsync(HttpClient client, HttpRequestMessage request, string vendor, TimeProvider time,
        CancellationToken cancellationToken, bool notFoundIsNull, Func<HttpResponseMessage, CancellationToken, Task<string?>>? vendorReason, string? credentialsHint)
    {
        var response = await SendAsync(client, request, vendor, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
            {
                return null;
            }
            var status = (int)response.StatusCode;
            var isRefusal = status is >= 400 and < 500 and not 401 and not 403 and not 408 and not 429;
            var reason = isRefusal && vendorReason is not null ? await vendorReason(response, cancellationToken) : null;
            throw ErrorFor(response, vendor, time, reason, credentialsHint);
        }
    }

    /// <summary>Throws <see cref="ErrorFor(HttpResponseMessage, string, TimeProvider, string, string)"/> unless the response is a success.</summary>
    public static void EnsureSuccess(HttpResponseMessage response, string vendor, TimeProvider time, string? vendorReason = null)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ErrorFor(response, vendor, time, vendorReason);
        }
    }

    /// <summary>
    /// The vendor error for a failed response: 401/403 → <see cref="VendorAuthenticationException"/>; 408, 429 and
    /// 5xx → <see cref="VendorUnavailableException"/> with the Retry-After wait; any other status →
    /// <see cref="VendorRejectedException"/>. <paramref name="vendorReason"/> is the vendor's own (already shortened,
    /// secret-free) explanation, appended when given.
    /// </summary>
    public static VendorException ErrorFor(HttpResponseMessage response, string vendor, TimeProvider time, string? vendorReason = null) =>
        ErrorFor(response, vendor, time, vendorReason, credentialsHint: null);

    /// <summary>
    /// <see cref="ErrorFor(HttpResponseMessage, string, TimeProvider, string)"/> with <paramref name="credentialsHint"/>: where the admin
    /// fixes refused credentials, e.g. <c>the connector's apiKey setting</c>, added to the 401/403 message as "; check …".
    /// It names a setting, never a value. Since SDK 2.2.
    /// </summary>
    public static VendorException ErrorFor(HttpResponseMessage response, string vendor, TimeProvider time, string? vendorReason, string? credentialsHint)
    {
        var status = (int)response.StatusCode;
        var call = response.RequestMessage is { } request ? Describe(request) : "the call";
        var reason = string.IsNullOrWhiteSpace(vendorReason) ? "." : $": {vendorReason}";
        var hint = string.IsNullOrWhiteSpace(credentialsHint) ? "." : $"; check {credentialsHint}.";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new VendorAuthenticationException($"{vendor} answered HTTP {status} to {call}: the credentials were refused or lack permission{hint}"),
            // 408: the vendor (or a proxy in front of it) gave up waiting for the request; like our own timeout, worth retrying.
            HttpStatusCode.TooManyRequests =>
                new VendorUnavailableException($"{vendor} is rate limiting requests (HTTP {status} to {call}){reason}", RetryAfter(response, time)),
            HttpStatusCode.RequestTimeout =>
                new VendorUnavailableException($"{vendor} timed out receiving the request (HTTP {status} to {call}){reason}", RetryAfter(response, time)),
            _ when status >= 500 =>
                new VendorUnavailableException($"{vendor} answered HTTP {status} to {call}{reason}", RetryAfter(response, time)),
            _ => new VendorRejectedException($"{vendor} answered HTTP {status} to {call}{reason}", status),
        };
    }

    /// <summary>The wait a response asks for with Retry-After (seconds or an HTTP date; a past date is no wait), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>
    /// "GET /api/v1/extensions/42": method and path only, for messages and logs. Scheme, host, port, user info and
    /// the query are left out whether the request URI is relative (before sending) or absolute (after).
    /// </summary>
    public static string Describe(HttpRequestMessage request) => $"{request.Method} {PathOf(request.RequestUri)}";

    /// <summary>The path of <paramref name="uri"/> with a leading slash and without query or fragment.</summary>
    public static string PathOf(Uri? uri)
    {
        if (uri is null)
        {
            return "/";
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', '#')[0];
        return "/" + path.TrimStart('/');
    }

    /// <summary>Reads a JSON body; an empty or unreadable body becomes <see cref="VendorUnavailableException"/> naming the call.</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string vendor, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException e)
        {
            throw NotJson(response, vendor, text, e);
        }
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/>; garbage, null or a missing required member becomes <see cref="VendorUnavailableException"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string vendor, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(text, options) ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException e)
        {
            throw NotJson(response, vendor, text, e);
        }
    }

    // Says what came instead (type and size), never the body itself: it may echo what we sent.
    private static VendorUnavailableException NotJson(HttpResponseMessage response, string vendor, string text, JsonException e)
    {
        var call = response.RequestMessage is { } request ? Describe(request) : "the call";
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var what = text.Length == 0 ? "an empty body" : $"a body that is not the expected JSON ({contentType}, {text.Length} characters)";
        return new VendorUnavailableException($"{vendor} answered {call} (HTTP {(int)response.StatusCode}) with {what}.", inner: e);
    }
}
