using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConnectorHost.Sdk.Gateway;
using HostedPbx.Settings;
using HostedPbx.Users;

namespace HostedPbx.Gateway;

/// <summary>
/// The hosted PBX REST API (bearer auth), wire format only. Every failure becomes one of the SDK's vendor
/// exceptions; their messages name the call and status but never the API key or a voicemail PIN.
/// </summary>
internal sealed class PbxApiClient : IDisposable
{
    private const string Vendor = "The PBX";
    private const string Extensions = "api/v1/extensions";
    private const int MaxVendorMessageLength = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A missing or null id is a garbage answer, not an empty string.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly TimeProvider _time;

    public PbxApiClient(HostedPbxOptions options, TimeProvider time)
    {
        _apiKey = options.ApiKey;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = options.RequestTimeout,
        };
    }

    /// <summary>The extension with this number, or null (GET /api/v1/extensions?extension=NN).</summary>
    public async Task<PbxExtension?> FindByExtensionAsync(string extension, CancellationToken cancellationToken)
    {
        var page = await GetJsonAsync<PbxExtensionPage>($"{Extensions}?extension={Uri.EscapeDataString(extension)}", cancellationToken);
        return page.Items.FirstOrDefault(e => e.Extension == extension);
    }

    /// <summary>One page of extensions; <paramref name="page"/> starts at 1.</summary>
    public Task<PbxExtensionPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        GetJsonAsync<PbxExtensionPage>($"{Extensions}?page={page}&pageSize={pageSize}", cancellationToken);

    /// <summary>Creates an extension; the idempotency key lets the PBX drop a repeated create.</summary>
    public async Task<PbxExtension> CreateAsync(PbxExtensionProfile profile, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Extensions) { Content = JsonContent.Create(profile, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = (await SendAsync(request, cancellationToken))!;
        var created = await ReadJsonAsync<PbxExtension>(response, cancellationToken);
        return Checked(created, request);
    }

    /// <summary>
    /// Replaces an extension's profile; <c>Found</c> is false when the PBX no longer has that id. <c>Reported</c>
    /// is the extension the PBX answered with, or null when the answer has no readable extension (not an error:
    /// the update itself succeeded).
    /// </summary>
    public async Task<(bool Found, PbxExtension? Reported)> UpdateAsync(string id, PbxExtensionProfile profile, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ExtensionPath(id)) { Content = JsonContent.Create(profile, options: Json) };
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        if (response is null)
        {
            return (false, null);
        }
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (true, body.Length == 0 ? null : JsonSerializer.Deserialize<PbxExtension>(body, Json));
        }
        catch (JsonException)
        {
            return (true, null);
        }
    }

    public Task PutVoicemailAsync(string id, PbxVoicemailSettings voicemail, CancellationToken cancellationToken) =>
        PutAsync($"{ExtensionPath(id)}/voicemail", JsonContent.Create(voicemail, options: Json), cancellationToken, bodyHasSecret: voicemail.Password is not null);

    public Task PutGreetingAsync(string id, GreetingFile greeting, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(greeting.Data);
        content.Headers.ContentType = new MediaTypeHeaderValue(greeting.ContentType);
        return PutAsync($"{ExtensionPath(id)}/voicemail/greeting", content, cancellationToken);
    }

    public Task PutForwardingAsync(string id, PbxForwarding forwarding, CancellationToken cancellationToken) =>
        PutAsync($"{ExtensionPath(id)}/forwarding", JsonContent.Create(forwarding, options: Json), cancellationToken);

    public Task PutDoNotDisturbAsync(string id, bool enabled, CancellationToken cancellationToken) =>
        PutAsync($"{ExtensionPath(id)}/dnd", JsonContent.Create(new PbxDoNotDisturb(enabled), options: Json), cancellationToken);

    /// <summary>Deletes an extension; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ExtensionPath(id));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is not null;
    }

    public async Task<IReadOnlyList<PbxVoicemailMessage>> ListMessagesAsync(string id, CancellationToken cancellationToken) =>
        (await GetJsonAsync<PbxVoicemailMessageList>($"{ExtensionPath(id)}/messages", cancellationToken)).Items;

    /// <summary>The recording of one message, or null when the PBX has no such message.</summary>
    public async Task<PbxAudio?> DownloadMessageAsync(string id, string messageId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{MessagePath(id, messageId)}/audio");
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        if (response is null)
        {
            return null;
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        return new PbxAudio(bytes, string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
    }

    /// <summary>Deletes one message; false when the PBX has no such message.</summary>
    public async Task<bool> DeleteMessageAsync(string id, string messageId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, MessagePath(id, messageId));
        using var response = await SendAsync(request, cancellationToken, notFoundIsNull: true);
        return response is not null;
    }

    public void Dispose() => _http.Dispose();

    private static string ExtensionPath(string id) => $"{Extensions}/{Uri.EscapeDataString(id)}";

    private static string MessagePath(string id, string messageId) => $"{ExtensionPath(id)}/messages/{Uri.EscapeDataString(messageId)}";

    private async Task PutAsync(string path, HttpContent content, CancellationToken cancellationToken, bool bodyHasSecret = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
        using var response = await SendAsync(request, cancellationToken, bodyHasSecret: bodyHasSecret);
    }

    private async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = (await SendAsync(request, cancellationToken))!;
        return await ReadJsonAsync<T>(response, cancellationToken);
    }

    /// <summary>Sends with bearer auth; returns the successful response, null for a tolerated 404, or throws a vendor exception.</summary>
    private Task<HttpResponseMessage?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool notFoundIsNull = false, bool bodyHasSecret = false)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return VendorHttp.SendCheckedAsync(_http, request, Vendor, _time, cancellationToken, notFoundIsNull,
            (response, ct) => VendorMessageAsync(response, bodyHasSecret, ct), credentialsHint: $"the connector's {HostedPbxSchema.ApiKey} setting");
    }

    /// <summary>The vendor's own reason, shortened; only its code when the request carried a secret the PBX might echo.</summary>
    private async Task<string?> VendorMessageAsync(HttpResponseMessage response, bool bodyHasSecret, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = JsonSerializer.Deserialize<PbxErrorEnvelope>(body, Json)?.Error;
            var text = bodyHasSecret ? error?.Code : error?.Message ?? error?.Code;
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            text = text.Replace(_apiKey, "***", StringComparison.Ordinal);
            return text.Length > MaxVendorMessageLength ? text[..MaxVendorMessageLength] + "…" : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        VendorHttp.ReadJsonAsync<T>(response, Vendor, Json, cancellationToken);

    private static PbxExtension Checked(PbxExtension extension, HttpRequestMessage request) =>
        string.IsNullOrWhiteSpace(extension.Id)
            ? throw new VendorUnavailableException($"The PBX answered {VendorHttp.Describe(request)} without an extension id.")
            : extension;
}
