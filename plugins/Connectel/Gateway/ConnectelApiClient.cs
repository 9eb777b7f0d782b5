using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using Connectel.Settings;

namespace Connectel.Gateway;

/// <summary>
/// The Connectel (xCALLY Motion) REST API, wire format only: <c>/api/users</c> and <c>/api/users/{id}</c>, lists as
/// <c>{count, rows}</c> paged with <c>limit</c>/<c>offset</c>, auth by <c>?apikey=</c> or Basic. Every failure becomes one
/// of the SDK's vendor exceptions (VendorHttp); messages name the call and status, never the key, a password or the query.
/// </summary>
internal sealed class ConnectelApiClient : IDisposable
{
    public const string Vendor = "Connectel";
    private const string Users = "api/users";
    private const int MaxVendorMessageLength = 300;

    private readonly HttpClient _http;
    private readonly ConnectelOptions _options;
    private readonly TimeProvider _time;

    public ConnectelApiClient(ConnectelOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = options.RequestTimeout,
        };
    }

    /// <summary>One page of staff users (<c>GET /api/users?limit=&amp;offset=</c>): the total and the rows.</summary>
    public async Task<(long Count, IReadOnlyList<JsonObject> Rows)> ListUsersAsync(int limit, long offset, CancellationToken cancellationToken) =>
        await ListAsync($"{Users}?limit={limit}&offset={offset.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>The user with this login, or null (<c>GET /api/users?name=</c>, xCALLY's field filter).</summary>
    public async Task<JsonObject?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var (_, rows) = await ListAsync($"{Users}?name={Uri.EscapeDataString(name)}", cancellationToken);
        return rows.FirstOrDefault(r => string.Equals(VendorJson.Text(r["name"]), name, StringComparison.Ordinal));
    }

    /// <summary>Creates a user (the body holds the initial password); returns the user as Connectel stored it.</summary>
    public async Task<JsonObject> CreateUserAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Users) { Content = Json(body) };
        using var response = (await SendAsync(request, cancellationToken, bodySecret: VendorJson.Text(body[_options.Names.Password])))!;
        var created = await ObjectAsync(response, "the created user", cancellationToken);
        _ = VendorJson.Text(created["id"]) ?? throw new VendorUnavailableException($"{Vendor} answered {VendorHttp.Describe(request)} without a user id.");
        return created;
    }

    /// <summary>Updates a user; null when Connectel no longer has that id.</summary>
    public async Task<JsonObject?> UpdateUserAsync(string id, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, UserPath(id)) { Content = Json(body) };
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true, bodySecret: VendorJson.Text(body[_options.Names.Password]));
        if (response is null)
        {
            return null;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        // The update itself succeeded; an empty or odd answer only means nothing is reported back.
        try
        {
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }

    /// <summary>Deletes a user; false when it was already gone.</summary>
    public async Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, UserPath(id));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is not null;
    }

    /// <summary>Uploads the avatar image (raw PNG/JPEG body).</summary>
    public async Task PutAvatarAsync(string id, byte[] data, string contentType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Put, IdPath(_options.Names.AvatarPath, id)) { Content = content };
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary>Generates a new API key for the user; the answer holds the key (shown once).</summary>
    public async Task<JsonObject?> RegenerateApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, IdPath(_options.Names.ApiKeyPath, id));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is null ? null : await ObjectAsync(response, "the API key", cancellationToken);
    }

    /// <summary>Removes the user's API key; false when Connectel has no such user.</summary>
    public async Task<bool> RemoveApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, IdPath(_options.Names.ApiKeyPath, id));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is not null;
    }

    public async Task<IReadOnlyList<JsonObject>> ListProfilesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        const int limit = 100;
        for (long offset = 0; ; offset += limit)
        {
            var (count, page) = await ListAsync($"{_options.Names.ProfilesPath}?limit={limit}&offset={offset}", cancellationToken);
            rows.AddRange(page);
            if (page.Count == 0 || rows.Count >= count)
            {
                return rows;
            }
        }
    }

    public async Task<JsonObject> CreateProfileAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Names.ProfilesPath) { Content = Json(body) };
        using var response = (await SendAsync(request, cancellationToken))!;
        return await ObjectAsync(response, "the created user profile", cancellationToken);
    }

    /// <summary>Updates a profile; null when Connectel has no such profile.</summary>
    public async Task<JsonObject?> UpdateProfileAsync(string id, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{_options.Names.ProfilesPath}/{Uri.EscapeDataString(id)}") { Content = Json(body) };
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is null ? null : await ObjectAsync(response, "the user profile", cancellationToken);
    }

    /// <summary>Deletes a profile; false when it was already gone. A profile still in use is a <see cref="VendorRejectedException"/> with 409.</summary>
    public async Task<bool> DeleteProfileAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{_options.Names.ProfilesPath}/{Uri.EscapeDataString(id)}");
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is not null;
    }

    public void Dispose() => _http.Dispose();

    private static string UserPath(string id) => $"{Users}/{Uri.EscapeDataString(id)}";

    private static string IdPath(string template, string id) => template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<(long Count, IReadOnlyList<JsonObject> Rows)> ListAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = (await SendAsync(request, cancellationToken))!;
        var page = await ObjectAsync(response, "the list", cancellationToken);
        var rows = VendorJson.Expect<JsonArray>(page["rows"], Vendor, "rows");
        var count = VendorJson.Number(page["count"]) ?? throw new VendorUnavailableException($"{Vendor} answered {VendorHttp.Describe(request)} without a count.");
        return (count, [.. rows.Select(r => VendorJson.Expect<JsonObject>(r, Vendor, "a row of rows"))]);
    }

    private static async Task<JsonObject> ObjectAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken) =>
        VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), Vendor, what);

    /// <summary>Sends with the configured auth; returns the successful response, null for a tolerated 404, or throws a vendor exception.</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool notFoundIsNull = false, string? bodySecret = null)
    {
        if (_options.Basic is { } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}")));
        }
        else
        {
            var uri = request.RequestUri!.OriginalString;
            request.RequestUri = new Uri($"{uri}{(uri.Contains('?', StringComparison.Ordinal) ? '&' : '?')}apikey={Uri.EscapeDataString(_options.ApiKey!)}", UriKind.Relative);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await VendorHttp.SendCheckedAsync(_http, request, Vendor, _time, cancellationToken, notFoundIsNull,
            (response, ct) => ReasonAsync(response, bodySecret, ct),
            credentialsHint: _options.Basic is null
                ? $"the connector's {ConnectelSchema.ApiKey} setting"
                : $"the connector's {ConnectelSchema.BasicUsername}/{ConnectelSchema.BasicPassword} settings");
    }

    /// <summary>The vendor's <c>message</c>, shortened and scrubbed of our credentials and of a password the request carried (it may be echoed).</summary>
    private async Task<string?> ReasonAsync(HttpResponseMessage response, string? bodySecret, CancellationToken cancellationToken)
    {
        try
        {
            var text = VendorJson.Text(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["message"]);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            foreach (var secret in new[] { _options.ApiKey, _options.Basic?.Password, bodySecret }.OfType<string>().Where(s => s.Length > 0))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
            return text.Length > MaxVendorMessageLength ? text[..MaxVendorMessageLength] + "…" : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
