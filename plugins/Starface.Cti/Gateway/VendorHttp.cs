using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;

namespace Starface.Cti.Gateway;

/// <summary>
/// Maps HTTP outcomes of a vendor call onto the SDK's vendor errors. Messages name the vendor, the request and
/// the status only: never headers, bodies or anything else that could carry a secret.
/// </summary>
internal static class VendorHttp
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends a request; network failures and timeouts become <see cref="VendorUnavailableException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string vendor, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VendorUnavailableException($"{vendor} did not answer {request.Method} {request.RequestUri?.AbsolutePath} in time.", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new VendorUnavailableException($"{vendor} could not be reached for {request.Method} {request.RequestUri?.AbsolutePath} ({e.HttpRequestError}).", inner: e);
        }
    }

    /// <summary>Throws the matching vendor error unless the response is a success.</summary>
    public static void EnsureSuccess(HttpResponseMessage response, string vendor, TimeProvider time)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var what = $"{vendor} answered HTTP {status} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new VendorAuthenticationException($"{what}: the credentials were refused or lack permission."),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout =>
                new VendorUnavailableException($"{what}.", RetryAfter(response, time)),
            _ when status >= 500 =>
                new VendorUnavailableException($"{what}.", RetryAfter(response, time)),
            _ => new VendorRejectedException($"{what}.", status),
        };
    }

    /// <summary>Reads a JSON body; garbage becomes <see cref="VendorUnavailableException"/>.</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string vendor, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("empty JSON document");
        }
        catch (JsonException e)
        {
            throw new VendorUnavailableException(
                $"{vendor} answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with a body that is not the expected JSON.", inner: e);
        }
    }

    public static T Expect<T>(JsonNode? node, string vendor, string what) where T : JsonNode =>
        node as T ?? throw new VendorUnavailableException($"{vendor} answered with unexpected JSON: {what} is missing or has the wrong type.");

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s
        : node is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString()
        : null;

    public static long? Number(JsonNode? node) =>
        // Parsed from the text so values built in memory (an int-backed JsonValue) read like parsed JSON.
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
        : node is JsonValue s && s.TryGetValue(out string? text) && long.TryParse(text, out var parsed) ? parsed
        : null;

    /// <summary>The wait a 408/429/5xx answer asks for (Retry-After as seconds or as an HTTP date), if any.</summary>
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
}
