using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace TestPlugins.Sample;

/// <summary>
/// The sample connector's vendor: a small user directory over HTTP (GET/POST/PUT/DELETE /users, X-Api-Key).
/// Tests run it as a fake on 127.0.0.1; it exercises the sync engine the way a real vendor would.
/// </summary>
public sealed class DirectoryVendorGateway(ConnectorContext context)
{
    private const string Vendor = "The vendor";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };

    private Uri BaseUri => context.Settings["vendorUrl"]?.GetValue<string>() is { Length: > 0 } url
        ? new Uri(url.EndsWith('/') ? url : url + "/")
        : throw new VendorRejectedException("settings.vendorUrl is not configured in plugins.json.");

    public async Task<JsonObject?> FindByLoginAsync(string login, CancellationToken ct)
    {
        var list = await SendAsync(HttpMethod.Get, $"users?login={Uri.EscapeDataString(login)}", null, ct);
        return list?["items"]?.AsArray().FirstOrDefault()?.AsObject();
    }

    public async Task<string> CreateAsync(JsonObject user, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, "users", user, ct))?["id"]?.GetValue<string>()
        ?? throw new VendorUnavailableException("The vendor's create answer carried no id.");

    /// <summary>False when the vendor no longer has the record.</summary>
    public async Task<bool> UpdateAsync(string id, JsonObject user, CancellationToken ct)
    {
        try
        {
            await SendAsync(HttpMethod.Put, $"users/{Uri.EscapeDataString(id)}", user, ct);
            return true;
        }
        catch (VendorRejectedException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, $"users/{Uri.EscapeDataString(id)}", null, ct);
        }
        catch (VendorRejectedException ex) when (ex.StatusCode == 404)
        {
            // Already gone: the delete's goal is met.
        }
    }

    public async Task<(IReadOnlyList<JsonObject> Items, string? Next)> ListAsync(int offset, int limit, CancellationToken ct)
    {
        var page = await SendAsync(HttpMethod.Get, $"users?offset={offset}&limit={limit}", null, ct);
        var items = page?["items"]?.AsArray().Select(i => i!.AsObject()).ToList() ?? [];
        return (items, page?["next"]?.ToString() is { Length: > 0 } next ? next : null);
    }

    /// <summary>Asks the vendor for a new API key of one user (POST /users/{id}/api-key).</summary>
    public async Task<string> NewApiKeyAsync(string id, CancellationToken ct) =>
        VendorJson.Text((await SendAsync(HttpMethod.Post, $"users/{Uri.EscapeDataString(id)}/api-key", null, ct))?["apiKey"])
        ?? throw new VendorUnavailableException("The vendor's API key answer carried no key.");

    // The SDK's shared gateway helpers: status → vendor exception, Retry-After, path-only call descriptions.
    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        request.Headers.Add("X-Api-Key", context.Settings["apiKey"]?.GetValue<string>() ?? "");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await VendorHttp.SendAsync(Http, request, Vendor, ct);
        VendorHttp.EnsureSuccess(response, Vendor, TimeProvider.System);
        // The body is buffered: reading it to see whether there is one does not use it up.
        if ((await response.Content.ReadAsStringAsync(ct)).Length == 0)
        {
            return null;
        }
        return VendorJson.Expect<JsonObject>(await VendorHttp.ReadJsonAsync(response, Vendor, ct), Vendor, "the answer");
    }
}

internal static class VendorPayload
{
    public static JsonObject Of(ConnectorHost.Sdk.Model.UserContext user) => new()
    {
        ["login"] = user.User.Username.ToLowerInvariant(),
        ["displayName"] = user.User.DisplayName,
        ["badge"] = user.Settings["badge"]?.DeepClone(),
        ["active"] = user.User.Enabled,
    };
}

internal sealed class PushUserHandler(DirectoryVendorGateway vendor) : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        var payload = VendorPayload.Of(request.User);
        var login = payload["login"]!.GetValue<string>();
        // Secrets go to the vendor only here, never into the projection (which admins can preview). A write-only
        // secret is absent once the host erased it after its push: the vendor keeps what it has.
        foreach (var secret in new[] { "pin", "initialPassword" })
        {
            if (request.User.Settings[secret] is { } value)
            {
                payload[secret] = value.DeepClone();
            }
        }
        // The host hands a push the file's bytes; the vendor gets their size and hash, which a test can compare.
        if (request.User.Settings["avatar"]?["data"]?.GetValue<string>() is { } avatar)
        {
            var bytes = Convert.FromBase64String(avatar);
            payload["avatarBytes"] = bytes.Length;
            payload["avatarSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        }
        if (request.Operation == PushOperation.Delete)
        {
            var target = request.VendorId ?? (await vendor.FindByLoginAsync(login, cancellationToken))?["id"]?.GetValue<string>();
            if (target is not null)
            {
                await vendor.DeleteAsync(target, cancellationToken);
            }
            return new PushResult(null, "deleted");
        }
        if (request.VendorId is { } known && await vendor.UpdateAsync(known, payload, cancellationToken))
        {
            return new PushResult(known, "updated");
        }
        // No (valid) vendor id: adopt a record with the same login before creating, so a repeat never duplicates.
        if (await vendor.FindByLoginAsync(login, cancellationToken) is { } existing)
        {
            var id = existing["id"]!.GetValue<string>();
            await vendor.UpdateAsync(id, payload, cancellationToken);
            return new PushResult(id, "updated");
        }
        return new PushResult(await vendor.CreateAsync(payload, cancellationToken), "created");
    }
}

internal sealed class ListVendorUsersHandler(DirectoryVendorGateway vendor) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var offset = request.Cursor is null ? 0 : int.Parse(request.Cursor, CultureInfo.InvariantCulture);
        var (items, next) = await vendor.ListAsync(offset, request.PageSize, cancellationToken);
        return new VendorUserPage(
            items.Select(i => new VendorUser(i["id"]!.GetValue<string>(), i["login"]!.GetValue<string>(),
                new JsonObject { ["login"] = i["login"]?.DeepClone(), ["displayName"] = i["displayName"]?.DeepClone(), ["badge"] = i["badge"]?.DeepClone(), ["active"] = i["active"]?.DeepClone() }))
                .ToList(),
            next);
    }
}
