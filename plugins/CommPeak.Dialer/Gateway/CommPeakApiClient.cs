using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Gateway;

namespace CommPeak.Dialer.Gateway;

/// <summary>
/// CommPeak's user API (HTTP Basic), wire format only: POST /api/users and PUT /api/users/ as documented; reading,
/// listing, the option lists and the error body on the configurable (unconfirmed) paths of <see cref="CommPeakOptions"/>.
/// Failures become the SDK's vendor exceptions; messages name the call and status, never the credentials.
/// </summary>
internal sealed class CommPeakApiClient : IDisposable
{
    private const string Vendor = "CommPeak";
    private const string CreatePath = "api/users";
    private const string UpdatePath = "api/users/";
    private const int MaxVendorMessageLength = 300;

    private readonly HttpClient _http;
    private readonly CommPeakOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthenticationHeaderValue _authorization;

    public CommPeakApiClient(CommPeakOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiUsername}:{options.ApiPassword}")));
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = options.RequestTimeout,
        };
    }

    /// <summary>Creates a user; returns CommPeak's id, or null when the answer names none (the caller then looks it up).</summary>
    public async Task<string?> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CreatePath) { Content = JsonContent.Create(body) };
        using var response = (await SendAsync(request, cancellationToken, bodyHasSecret: true))!;
        var answer = await ReadOptionalJsonAsync(response, cancellationToken);
        return answer is null ? null : IdOf(FirstUser(answer));
    }

    /// <summary>Updates the user whose id the body carries; false when CommPeak does not know that id (404).</summary>
    public async Task<bool> UpdateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, UpdatePath) { Content = JsonContent.Create(body) };
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true, bodyHasSecret: true);
        return response is not null;
    }

    /// <summary>One user by CommPeak id, or null when unknown.</summary>
    public async Task<JsonObject?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.UserPath.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is null ? null : FirstUser(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken));
    }

    /// <summary>The user with exactly this username (case-insensitive), or null.</summary>
    public async Task<JsonObject?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var users = await GetUsersAsync($"{_options.ListUsersPath}?{_options.UsernameParameter}={Uri.EscapeDataString(username)}", cancellationToken);
        return users.FirstOrDefault(u => string.Equals(VendorJson.Text(u["username"]), username, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One page of users; <paramref name="page"/> starts at 1.</summary>
    public Task<IReadOnlyList<JsonObject>> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        GetUsersAsync(string.Create(CultureInfo.InvariantCulture,
            $"{_options.ListUsersPath}?{_options.PageParameter}={page}&{_options.PageSizeParameter}={pageSize}"), cancellationToken);

    /// <summary>A vendor list (roles, skill groups, tags, desks) as id → name, in CommPeak's order.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ListOptionsAsync(string path, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = (await SendAsync(request, cancellationToken))!;
        var items = ItemsOf(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), what);
        return [.. items.Select(i => (
            Id: VendorJson.Text(i["id"]) ?? throw new VendorUnavailableException($"{Vendor} listed {what} without an id."),
            Name: VendorJson.Text(i["name"]) ?? VendorJson.Text(i["title"]) ?? VendorJson.Text(i["id"])!))];
    }

    public void Dispose() => _http.Dispose();

    /// <summary>CommPeak's user id in a user object (<c>id</c>, else <c>user_id</c>).</summary>
    public static string? IdOf(JsonObject? user) => VendorJson.Text(user?["id"]) ?? VendorJson.Text(user?["user_id"]);

    private async Task<IReadOnlyList<JsonObject>> GetUsersAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is null ? [] : ItemsOf(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), "users");
    }

    // The documented read answers with an array; a wrapped list ({"data": [...]}) is accepted as well.
    private static IReadOnlyList<JsonObject> ItemsOf(JsonNode node, string what)
    {
        var array = node as JsonArray ?? (node as JsonObject)?.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault()
            ?? throw new VendorUnavailableException($"{Vendor} answered with unexpected JSON: the list of {what} is missing.");
        return [.. array.OfType<JsonObject>()];
    }

    private static JsonObject? FirstUser(JsonNode node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>().FirstOrDefault(),
        JsonObject o when IdOf(o) is not null => o,
        JsonObject o => o.Select(p => p.Value).Select(v => v is JsonArray a ? a.OfType<JsonObject>().FirstOrDefault() : v as JsonObject).FirstOrDefault(u => IdOf(u) is not null),
        _ => null,
    };

    private static async Task<JsonNode?> ReadOptionalJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sends with Basic auth; returns the successful response, null for a tolerated 404, or throws a vendor exception.</summary>
    private Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool notFoundIsNull = false, bool bodyHasSecret = false)
    {
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // After a body with a secret, only a short reason that cannot be quoting a value.
        return VendorHttp.SendCheckedAsync(_http, request, Vendor, _time, cancellationToken, notFoundIsNull,
            (response, ct) => VendorMessageAsync(response, ct, shortOnly: bodyHasSecret),
            credentialsHint: $"the connector's {CommPeakSchema.ApiUsername}/{CommPeakSchema.ApiPassword} settings");
    }

    /// <summary>CommPeak's reason, shortened; with <paramref name="shortOnly"/> only when it cannot echo a value (no quotes).</summary>
    private async Task<string?> VendorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool shortOnly = false)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var node = JsonNode.Parse(body);
            var text = VendorJson.Text(node?[_options.ErrorMessageProperty]);
            if (string.IsNullOrWhiteSpace(text) || (shortOnly && (text.Contains('\'') || text.Contains('"') || text.Length > 120)))
            {
                return null;
            }
            text = text.Replace(_options.ApiPassword, "***", StringComparison.Ordinal);
            return text.Length > MaxVendorMessageLength ? text[..MaxVendorMessageLength] + "…" : text;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
