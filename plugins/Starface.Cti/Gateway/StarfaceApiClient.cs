using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using Starface.Cti.Settings;

namespace Starface.Cti.Gateway;

/// <summary>A STARFACE user as GET /rest/users returns it; <see cref="Json"/> keeps every field for round trips.</summary>
internal sealed record StarfaceUser(int Id, string Login, JsonObject Json);

/// <summary>A STARFACE phone number (GET /rest/phonenumbers).</summary>
internal sealed record StarfacePhoneNumber(int Id, string Number, string Type, int? AssignedUserAccountId, int? AssignedGroupAccountId);

/// <summary>A row of GET /rest/groups.</summary>
internal sealed record StarfaceGroupListItem(int Id, string Name);

/// <summary>The answer to POST /rest/users: the new id (when STARFACE tells it), or STARFACE's refusal.</summary>
internal sealed record StarfaceCreateResult(int? Id, StarfaceError? Refusal);

/// <summary>
/// The STARFACE REST API (wire format only): every call sends <c>X-Version: 2</c> and the <c>authToken</c> header.
/// Login: GET /rest/login gives loginType and nonce; POST /rest/login with
/// secret = login + ":" + sha512hex(login + nonce + sha512hex(password)) returns the token. A 401 on a call means
/// the token expired: the client logs in again once and repeats the call.
/// </summary>
internal sealed class StarfaceApiClient(HttpClient http, StarfaceCtiOptions options, TimeProvider time) : IDisposable
{
    public const string Vendor = "STARFACE";
    private const string ApiVersion = "2";

    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private volatile string? _token;

    /// <summary>The login secret for <paramref name="loginType"/> "Internal" (or Base64 for "ActiveDirectory"), as the STARFACE docs define it.</summary>
    public static string ComputeSecret(string loginType, string login, string nonce, string password) =>
        string.Equals(loginType.Replace("_", "", StringComparison.Ordinal), "ActiveDirectory", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(login + nonce + password))
            : login + ":" + Sha512Hex(login + nonce + Sha512Hex(password));

    public static string Sha512Hex(string text) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose()
    {
        http.Dispose();
        _loginGate.Dispose();
    }

    // ---- users ----

    public async Task<IReadOnlyList<StarfaceUser>> ListUsersAsync(string? searchTerm, CancellationToken cancellationToken)
    {
        var path = searchTerm is null ? "rest/users" : $"rest/users?searchTerm={Uri.EscapeDataString(searchTerm)}";
        var json = await SendForJsonAsync(HttpMethod.Get, path, null, cancellationToken);
        return VendorJson.Expect<JsonArray>(json, Vendor, "the user list").OfType<JsonObject>().Select(ToUser).OfType<StarfaceUser>().ToList();
    }

    /// <summary>GET /rest/users/{id}; null when STARFACE no longer knows the user (404, or a 500 saying so that the user list confirms).</summary>
    public async Task<StarfaceUser?> GetUserAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"rest/users/{id}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || await IsGoneUserAsync(response, id, cancellationToken))
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return ToUser(VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), Vendor, "the user"));
    }

    /// <summary>
    /// POST /rest/users. The published spec answers 201 (created; the id is read from the body or <c>Location</c>
    /// when given), or 200 "unexpected error" or 500 with a JSON <c>{code, message}</c> body: those come back as
    /// <see cref="StarfaceCreateResult.Refusal"/> for the caller to resolve (e.g. by reading the login back).
    /// </summary>
    public async Task<StarfaceCreateResult> CreateUserAsync(JsonObject user, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "rest/users", user, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is 200 or 500)
        {
            return new StarfaceCreateResult(null, await StarfaceError.ReadAsync(response, cancellationToken));
        }
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (body.Length > 0 && TryParse(body) is JsonObject created && VendorJson.Number(created["id"]) is { } id)
        {
            return new StarfaceCreateResult((int)id, null);
        }
        var location = response.Headers.Location?.OriginalString;
        return new StarfaceCreateResult(location is not null && int.TryParse(location.TrimEnd('/').Split('/')[^1], out var fromLocation) ? fromLocation : null, null);
    }

    public async Task UpdateUserAsync(int id, JsonObject user, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, $"rest/users/{id}", user, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>DELETE /rest/users/{id}; false when STARFACE no longer knows the user.</summary>
    public async Task<bool> DeleteUserAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"rest/users/{id}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || await IsGoneUserAsync(response, id, cancellationToken))
        {
            return false;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    // ---- phone numbers ----

    public async Task<IReadOnlyList<StarfacePhoneNumber>> ListPhoneNumbersAsync(string type, CancellationToken cancellationToken)
    {
        var json = await SendForJsonAsync(HttpMethod.Get, $"rest/phonenumbers?type={Uri.EscapeDataString(type)}", null, cancellationToken);
        return VendorJson.Expect<JsonArray>(json, Vendor, "the phone number list").OfType<JsonObject>()
            .Select(n => VendorJson.Number(n["id"]) is { } id && VendorJson.Text(n["number"]) is { } number
                ? new StarfacePhoneNumber((int)id, number, VendorJson.Text(n["type"]) ?? "",
                    (int?)VendorJson.Number(n["assignedUserAccountId"]), (int?)VendorJson.Number(n["assignedGroupAccountId"]))
                : null)
            .OfType<StarfacePhoneNumber>()
            .ToList();
    }

    /// <summary>GET /rest/callservices: the id of the standard call service (else the first one offered).</summary>
    public async Task<int> DefaultCallServiceIdAsync(CancellationToken cancellationToken)
    {
        var json = await SendForJsonAsync(HttpMethod.Get, "rest/callservices", null, cancellationToken);
        var services = VendorJson.Expect<JsonArray>(json, Vendor, "the call service list").OfType<JsonObject>()
            .Select(s => (Id: VendorJson.Number(s["serviceId"]), Name: VendorJson.Text(s["serviceName"]) ?? ""))
            .Where(s => s.Id is not null)
            .ToList();
        if (services.Count == 0)
        {
            throw new VendorRejectedException("STARFACE offers no call service to assign phone numbers with.");
        }
        var standard = services.FirstOrDefault(s => s.Name.Contains("standard", StringComparison.OrdinalIgnoreCase));
        return (int)(standard.Id ?? services[0].Id!.Value);
    }

    /// <summary>POST /rest/users/{id}/phonenumberconfig/phonenumbers/ with PhoneNumberAssignment objects.</summary>
    public async Task AssignPhoneNumberAsync(int userId, int phoneNumberId, int serviceId, CancellationToken cancellationToken)
    {
        var body = new JsonArray(new JsonObject { ["accountId"] = userId, ["phoneNumberId"] = phoneNumberId, ["serviceId"] = serviceId });
        using var response = await SendAsync(HttpMethod.Post, $"rest/users/{userId}/phonenumberconfig/phonenumbers/", body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<JsonObject> GetPhoneNumberConfigAsync(int userId, CancellationToken cancellationToken) =>
        VendorJson.Expect<JsonObject>(await SendForJsonAsync(HttpMethod.Get, $"rest/users/{userId}/phonenumberconfig", null, cancellationToken), Vendor, "the phone number config");

    public async Task PutPhoneNumberConfigAsync(int userId, JsonObject config, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, $"rest/users/{userId}/phonenumberconfig", config, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    // ---- groups ----

    public async Task<IReadOnlyList<StarfaceGroupListItem>> ListGroupsAsync(CancellationToken cancellationToken)
    {
        var json = await SendForJsonAsync(HttpMethod.Get, "rest/groups", null, cancellationToken);
        return VendorJson.Expect<JsonArray>(json, Vendor, "the group list").OfType<JsonObject>()
            .Select(g => VendorJson.Number(g["id"]) is { } id ? new StarfaceGroupListItem((int)id, VendorJson.Text(g["groupname"]) ?? "") : null)
            .OfType<StarfaceGroupListItem>()
            .ToList();
    }

    /// <summary>
    /// GET /rest/groups/{id}; null when the group no longer exists. The published spec has no 404 here: an unknown
    /// id answers 500, so a 500 is settled by reading the group list once (404 from older versions is taken as is).
    /// </summary>
    public async Task<JsonObject?> GetGroupAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"rest/groups/{id}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || await IsGoneGroupAsync(response, id, cancellationToken))
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken), Vendor, "the group");
    }

    /// <summary>POST /rest/groups (204, no body: the caller finds the new id by name).</summary>
    public async Task CreateGroupAsync(JsonObject group, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "rest/groups", group, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>PUT /rest/groups with the whole group (its id inside).</summary>
    public async Task SaveGroupAsync(JsonObject group, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, "rest/groups", group, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>DELETE /rest/groups/{id}; false when the group was already gone (500 settled by the list, or 404).</summary>
    public async Task<bool> DeleteGroupAsync(int id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"rest/groups/{id}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || await IsGoneGroupAsync(response, id, cancellationToken))
        {
            return false;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// For a 500 on a group id: true when the group list (read once, so nothing loops) no longer has it. The spec
    /// gives these calls no 404, so every 500 is checked; one for a listed group is a real server error.
    /// </summary>
    private async Task<bool> IsGoneGroupAsync(HttpResponseMessage response, int id, CancellationToken cancellationToken) =>
        response.StatusCode == HttpStatusCode.InternalServerError
        && await IsAbsentAsync(response, await StarfaceError.ReadAsync(response, cancellationToken), id, async () => (await ListGroupsAsync(cancellationToken)).Select(g => g.Id), "group");

    /// <summary>For a 500 on a user id that says "not found": true when the user list confirms it (users have a documented 404).</summary>
    private async Task<bool> IsGoneUserAsync(HttpResponseMessage response, int id, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.InternalServerError)
        {
            return false;
        }
        var error = await StarfaceError.ReadAsync(response, cancellationToken);
        return error.SaysNotFound
            && await IsAbsentAsync(response, error, id, async () => (await ListUsersAsync(null, cancellationToken)).Select(u => u.Id), "user");
    }

    /// <summary>True when <paramref name="listIds"/> lacks <paramref name="id"/>; else the 500 becomes <see cref="VendorUnavailableException"/> with STARFACE's message.</summary>
    private static async Task<bool> IsAbsentAsync(HttpResponseMessage response, StarfaceError error, int id, Func<Task<IEnumerable<int>>> listIds, string what)
    {
        if (!(await listIds()).Contains(id))
        {
            return true;
        }
        throw new VendorUnavailableException(
            $"STARFACE answered HTTP 500 to {(response.RequestMessage is { } request ? VendorHttp.Describe(request) : "the call")} although it lists {what} {id}{error.Suffix}");
    }

    // ---- transport ----

    private async Task<JsonNode> SendForJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await VendorHttp.ReadJsonAsync(response, Vendor, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var token = _token ?? await LoginAsync(null, cancellationToken);
        var response = await SendOnceAsync(method, path, body, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        // The token expired or was revoked: log in again once and repeat the call.
        response.Dispose();
        token = await LoginAsync(token, cancellationToken);
        return await SendOnceAsync(method, path, body, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, JsonNode? body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path));
        request.Headers.Add("X-Version", ApiVersion);
        request.Headers.Add("authToken", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        return await VendorHttp.SendAsync(http, request, Vendor, cancellationToken);
    }

    /// <summary>Logs in unless another caller already replaced <paramref name="staleToken"/>; returns the current token.</summary>
    private async Task<string> LoginAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } current && current != staleToken)
            {
                return current;
            }
            _token = null;

            using var templateRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "rest/login"));
            templateRequest.Headers.Add("X-Version", ApiVersion);
            using var templateResponse = await VendorHttp.SendAsync(http, templateRequest, Vendor, cancellationToken);
            VendorHttp.EnsureSuccess(templateResponse, Vendor, time);
            var template = VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(templateResponse, Vendor, cancellationToken), Vendor, "the login template");
            var loginType = VendorJson.Text(template["loginType"]) ?? "Internal";
            var nonce = VendorJson.Text(template["nonce"]);
            if (string.IsNullOrEmpty(nonce))
            {
                throw new VendorUnavailableException("STARFACE answered GET /rest/login without a nonce.");
            }

            var login = new JsonObject
            {
                ["loginType"] = loginType,
                ["nonce"] = nonce,
                ["secret"] = ComputeSecret(loginType, options.StarfaceLogin, nonce, options.StarfacePassword),
            };
            using var loginRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "rest/login"))
            {
                Content = new StringContent(login.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            loginRequest.Headers.Add("X-Version", ApiVersion);
            using var loginResponse = await VendorHttp.SendAsync(http, loginRequest, Vendor, cancellationToken);
            if (loginResponse.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new VendorAuthenticationException(
                    $"STARFACE refused the login of '{options.StarfaceLogin}' (HTTP {(int)loginResponse.StatusCode}). Check starfaceLogin and starfacePassword in plugins.json.");
            }
            VendorHttp.EnsureSuccess(loginResponse, Vendor, time);
            var answer = await VendorHttp.ReadJsonAsync(loginResponse, Vendor, cancellationToken);
            var token = VendorJson.Text(answer["token"]);
            if (string.IsNullOrEmpty(token))
            {
                throw new VendorAuthenticationException($"STARFACE did not issue a token for '{options.StarfaceLogin}'. Check starfaceLogin and starfacePassword in plugins.json.");
            }
            _token = token;
            return token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        // STARFACE explains errors in its body (no secrets are sent to these endpoints); credentials errors say nothing more.
        var reason = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? null : (await StarfaceError.ReadAsync(response, cancellationToken)).Reason;
        throw VendorHttp.ErrorFor(response, Vendor, time, reason);
    }

    private Uri BaseUrl => new(options.StarfaceBaseUrl.AbsoluteUri.TrimEnd('/') + "/");

    private static StarfaceUser? ToUser(JsonObject json) =>
        VendorJson.Number(json["id"]) is { } id && VendorJson.Text(json["login"]) is { } login ? new StarfaceUser((int)id, login, json) : null;

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
