using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;

namespace TestPlugins.Broken;

/// <summary>The vendor's user directory (GET/POST/PUT/DELETE /users, X-Api-Key) on the SDK's VendorHttp.</summary>
public sealed class BrokenVendorClient(Uri baseUrl, string apiKey)
{
    private const string Vendor = "The broken vendor";
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };

    public async Task<string> CreateAsync(JsonObject user, CancellationToken ct) =>
        VendorJson.Text((await SendAsync(HttpMethod.Post, "users", user, ct))?["id"]) ?? throw new VendorUnavailableException("The broken vendor's create answer carried no id.");

    public async Task<bool> UpdateAsync(string id, JsonObject user, CancellationToken ct) =>
        await SendAsync(HttpMethod.Put, $"users/{Uri.EscapeDataString(id)}", user, ct, notFoundIsNull: true) is not null;

    public async Task<bool> DeleteAsync(string id, CancellationToken ct) =>
        await SendAsync(HttpMethod.Delete, $"users/{Uri.EscapeDataString(id)}", null, ct, notFoundIsNull: true) is not null;

    public async Task<(IReadOnlyList<JsonObject> Items, string? Next)> ListAsync(int offset, int limit, CancellationToken ct)
    {
        var page = await SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"users?offset={offset}&limit={limit}"), null, ct);
        return ([.. (page?["items"]?.AsArray() ?? []).Select(i => i!.AsObject())], VendorJson.Text(page?["next"]));
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", apiKey);
        request.Content = body is null ? null : JsonContent.Create(body);
        using var response = await VendorHttp.SendAsync(_http, request, Vendor, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            // Defect: the refused key goes into the exception message (and from there into logs and problem details).
            throw new VendorAuthenticationException($"The broken vendor refused the API key '{apiKey}'.");
        }
        if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        VendorHttp.EnsureSuccess(response, Vendor, TimeProvider.System);
        if ((await response.Content.ReadAsStringAsync(ct)).Length == 0)
        {
            return [];
        }
        return VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, ct), Vendor, "the answer");
    }
}
