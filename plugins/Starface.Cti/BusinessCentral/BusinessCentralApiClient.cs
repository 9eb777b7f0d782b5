using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using Starface.Cti.Gateway;
using Starface.Cti.Settings;

namespace Starface.Cti.BusinessCentral;

/// <summary>
/// Gets bearer tokens for Business Central with the OAuth 2.0 client-credentials grant and keeps each one until
/// shortly before it expires.
/// </summary>
internal sealed class BusinessCentralTokenSource(HttpClient http, StarfaceCtiOptions options, TimeProvider time) : IDisposable
{
    public const string Scope = "https://api.businesscentral.dynamics.com/.default";
    private const string Vendor = "Microsoft identity platform";

    // Renew a little early so a token never expires between check and use.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _current;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && time.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Token;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && time.GetUtcNow() < again.ExpiresAt)
            {
                return again.Token;
            }
            var fresh = await RequestTokenAsync(cancellationToken);
            _current = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token, e.g. after the API refused it.</summary>
    public void Invalidate() => _current = null;

    public void Dispose()
    {
        http.Dispose();
        _gate.Dispose();
    }

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = options.ClientSecret,
                ["scope"] = Scope,
            }),
        };
        using var response = await VendorHttp.SendAsync(http, request, Vendor, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The OAuth error code (e.g. invalid_client) helps admins and carries no secret; the description may echo input, so it is left out.
            var body = await TryReadAsync(response, cancellationToken);
            var code = VendorJson.Text(body?["error"]) ?? "unknown error";
            throw new VendorAuthenticationException(
                $"{Vendor} refused the client credentials of client id '{options.ClientId}' (HTTP {(int)response.StatusCode}, {code}). Check businessCentralClientId and businessCentralClientSecret.");
        }
        VendorHttp.EnsureSuccess(response, Vendor, time);
        var json = await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken);
        var token = VendorJson.Text(json["access_token"]);
        if (string.IsNullOrEmpty(token))
        {
            throw new VendorUnavailableException($"{Vendor} answered the token request without an access_token.");
        }
        var lifetime = TimeSpan.FromSeconds(VendorJson.Number(json["expires_in"]) ?? 300);
        var usable = lifetime > ExpiryMargin * 2 ? lifetime - ExpiryMargin : lifetime / 2;
        return new CachedToken(token, time.GetUtcNow() + usable);
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt);

    private static async Task<JsonNode?> TryReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>Reads entity sets of the Business Central API v2.0 for one company, following OData paging.</summary>
internal sealed class BusinessCentralApiClient(HttpClient http, BusinessCentralTokenSource tokens, StarfaceCtiOptions options, TimeProvider time) : IDisposable
{
    private const string Vendor = "Business Central";

    // A runaway nextLink chain must not loop forever.
    private const int MaxPages = 10_000;

    /// <summary>All entities of <paramref name="entitySetAndQuery"/> (relative to the company, e.g. <c>contacts?$select=id</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> GetAllAsync(string entitySetAndQuery, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        Uri? next = new(options.CompanyApiUrl, entitySetAndQuery);
        for (var page = 0; next is not null; page++)
        {
            if (page >= MaxPages)
            {
                throw new VendorUnavailableException($"{Vendor} returned more than {MaxPages} pages for {entitySetAndQuery}.");
            }
            var json = await GetAsync(next, cancellationToken);
            var value = VendorJson.Expect<JsonArray>(json["value"], Vendor, $"'value' of {next.AbsolutePath}");
            items.AddRange(value.OfType<JsonObject>());
            next = NextLink(json, next);
        }
        return items;
    }

    public void Dispose() => http.Dispose();

    private Uri? NextLink(JsonNode page, Uri current)
    {
        if (VendorJson.Text(page["@odata.nextLink"]) is not { Length: > 0 } link)
        {
            return null;
        }
        var uri = new Uri(current, link);
        // The bearer token goes only to the configured API host.
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), options.ApiBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new VendorUnavailableException($"{Vendor} sent a next page link to another host ({uri.Authority}); refusing to follow it.");
        }
        return uri;
    }

    private async Task<JsonNode> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await VendorHttp.SendAsync(http, request, Vendor, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The token may have been revoked or expired early: get a fresh one once.
                tokens.Invalidate();
                continue;
            }
            VendorHttp.EnsureSuccess(response, Vendor, time);
            return await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken);
        }
    }
}
