using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Contoso.Connector.Settings;
using ConnectorHost.Sdk.Gateway;

namespace Contoso.Connector.Gateway;

/// <summary>
/// The vendor's wire format and nothing else, on the SDK's gateway helpers: statuses become the SDK's vendor
/// exceptions (401/403 authentication, 408/429/5xx and timeouts unavailable with Retry-After, other 4xx rejected),
/// garbage bodies are unavailable, and call descriptions carry method and path only.
/// </summary>
internal sealed class ContosoConnectorApiClient
{
    private const string Vendor = "Contoso Connector";
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public ContosoConnectorApiClient(ContosoConnectorOptions options, TimeProvider time)
    {
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = options.RequestTimeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
    }

    public async Task<JsonObject?> GetAsync(string id, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, $"api/extensions/{Uri.EscapeDataString(id)}", null, cancellationToken, notFoundIsNull: true);

    public async Task<JsonObject?> FindByExtensionAsync(string extension, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"api/extensions?extension={Uri.EscapeDataString(extension)}", null, cancellationToken))?["items"]?.AsArray().FirstOrDefault()?.AsObject();

    public async Task<string> CreateAsync(JsonObject record, CancellationToken cancellationToken) =>
        VendorJson.Text((await SendAsync(HttpMethod.Post, "api/extensions", record, cancellationToken))?["id"])
        ?? throw new VendorUnavailableException($"{Vendor} answered POST /api/extensions without an id.");

    /// <summary>False when the vendor no longer has the record.</summary>
    public async Task<bool> UpdateAsync(string id, JsonObject record, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, $"api/extensions/{Uri.EscapeDataString(id)}", record, cancellationToken, notFoundIsNull: true) is not null;

    /// <summary>False when the vendor did not have the record (already deleted).</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, $"api/extensions/{Uri.EscapeDataString(id)}", null, cancellationToken, notFoundIsNull: true) is not null;

    public async Task<(IReadOnlyList<JsonObject> Items, bool More)> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/extensions?page={page}&pageSize={pageSize}"), null, cancellationToken)
            ?? throw new VendorUnavailableException($"{Vendor} answered the user list without a body.");
        var items = VendorJson.Expect<JsonArray>(answer["items"], Vendor, "the user list");
        return ([.. items.Select(i => VendorJson.Expect<JsonObject>(i, Vendor, "a listed user"))], answer["hasMore"]?.GetValue<bool>() == true);
    }

    // Null for a tolerated 404; an empty object for an answer without a body (204).
    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await VendorHttp.SendCheckedAsync(_http, request, Vendor, _time, cancellationToken, notFoundIsNull, ReasonAsync);
        if (response is null)
        {
            return null;
        }
        if (response.Content.Headers.ContentLength == 0 || response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return [];
        }
        return VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), Vendor, $"the answer to {method} {request.RequestUri?.AbsolutePath}");
    }

    // The vendor's own short reason for a refusal ({"error":{"message":"..."}}); its requests carry no secrets to echo.
    private static async Task<string?> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return VendorJson.Text((await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["error"]?["message"]);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
