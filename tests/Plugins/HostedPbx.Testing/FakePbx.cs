using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HostedPbx.Testing;

/// <summary>
/// The hosted PBX REST API on 127.0.0.1, as strict as its documented wire format. Spec: docs/connectors/hosted-pbx.md,
/// "REST mapping (gateway)" (paths, bodies, error shape <c>{"error":{"code","message"}}</c>), with the value rules of
/// the vendor article "How to managing users" (Tables 1.1 and 1.2, see <see cref="FakePbxWireFormat"/>).
/// It refuses a request without the bearer API key (401), a body with unknown, missing or malformed fields (400),
/// a create without <c>Idempotency-Key</c> (400) and answers a repeated create with the same key with the record
/// created first; unknown extension or message ids are 404 on every sub-resource. Every request is recorded with
/// its headers, and failures (401/403/408/429/5xx, with <c>Retry-After</c>) can be scripted with <see cref="Fail"/>,
/// odd answers (plain text, an error with only a code) with <see cref="AnswerRaw"/>.
/// </summary>
internal sealed class FakePbx : IAsyncDisposable
{
    private readonly ScriptedAnswers _scripted = new();
    private readonly ConcurrentDictionary<string, string> _createdByIdempotencyKey = new();
    private int _nextId;

    /// <summary>The largest page the PBX hands out; a larger <c>pageSize</c> is refused.</summary>
    public const int MaxPageSize = 200;

    private FakePbx(string apiKey) => ApiKey = apiKey;

    public string ApiKey { get; }

    public LoopbackServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Extensions by id, in the PBX's GET shape.</summary>
    public ConcurrentDictionary<string, JsonObject> Extensions { get; } = new();

    /// <summary>Voicemail PINs by extension id (the PBX never returns them).</summary>
    public ConcurrentDictionary<string, string> VoicemailPins { get; } = new();

    /// <summary>Uploaded greetings by extension id.</summary>
    public ConcurrentDictionary<string, (byte[] Data, string ContentType)> Greetings { get; } = new();

    /// <summary>Voicemail messages by extension id.</summary>
    public ConcurrentDictionary<string, List<(JsonObject Message, byte[] Audio, string ContentType)>> Messages { get; } = new();

    public ConcurrentQueue<VendorCall> Calls { get; } = new();

    /// <summary>When set, answers every request instead of the normal routes (e.g. 429, 500, garbage).</summary>
    public Func<HttpContext, Task>? Override { get; set; }

    /// <summary>The API key the fake accepts unless a test starts it with another.</summary>
    public const string DefaultApiKey = "test-api-key-7f3a9c";

    public static async Task<FakePbx> StartAsync(string apiKey = DefaultApiKey)
    {
        var pbx = new FakePbx(apiKey);
        pbx.Server = await LoopbackServer.StartAsync(pbx.Map);
        return pbx;
    }

    public string AddExtension(string extension, string firstName = "Ann", string lastName = "Lee", string? email = null)
    {
        var id = $"ext-{Interlocked.Increment(ref _nextId)}";
        Extensions[id] = new JsonObject
        {
            ["id"] = id,
            ["extension"] = extension,
            ["username"] = firstName,
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["email"] = email,
            ["licenseType"] = "voice",
            ["ringsBeforeVoicemail"] = 4,
            ["voicemail"] = new JsonObject { ["enabled"] = true, ["hasPassword"] = false, ["hasGreeting"] = false },
            ["forwarding"] = new JsonObject { ["enabled"] = false, ["strategy"] = "simultaneous", ["destinations"] = new JsonArray() },
            ["doNotDisturb"] = false,
        };
        return id;
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> requests that <paramref name="when"/> matches (default: any) with
    /// <paramref name="status"/> in the PBX's error shape, with <c>Retry-After: <paramref name="retryAfter"/></c> when given.
    /// </summary>
    public void Fail(int status, string? retryAfter = null, Func<VendorCall, bool>? when = null, string? message = null, int times = 1) =>
        _scripted.Add(status, when, retryAfter, times: times, message: message);

    /// <summary>Answers the next matching request with <paramref name="status"/> and <paramref name="body"/> as it is, without handling it.</summary>
    public void AnswerRaw(int status, string body, Func<VendorCall, bool> when, string contentType = "application/json") =>
        _scripted.Add(status, when, rawBody: body, rawContentType: contentType);

    public string IdOf(string extension) => Extensions.Single(e => e.Value["extension"]!.GetValue<string>() == extension).Key;

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var call = await ScriptedAnswers.RecordAsync(context);
            Calls.Enqueue(call);
            if (call.Header("Authorization") != $"Bearer {ApiKey}")
            {
                await Error(context, 401, "unauthorized", "Invalid API key.");
                return;
            }
            if (Override is { } answer)
            {
                await answer(context);
                return;
            }
            if (await _scripted.TryAnswerAsync(context, call, (status, message) => ErrorBody(ErrorCodeOf(status), message ?? $"Scripted answer {status}.").ToJsonString()))
            {
                return;
            }
            await next(context);
        });

        app.MapGet("/api/v1/extensions", async context =>
        {
            var all = Extensions.Values.OrderBy(e => e["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
            if (context.Request.Query["extension"].ToString() is { Length: > 0 } number)
            {
                all = [.. all.Where(e => e["extension"]!.GetValue<string>() == number)];
            }
            var page = QueryNumber(context, "page", 1);
            var size = QueryNumber(context, "pageSize", 50);
            if (page is null or < 1 || size is null or < 1 or > MaxPageSize)
            {
                await Error(context, 400, "invalid_request", $"page must be 1 or more and pageSize 1–{MaxPageSize}.");
                return;
            }
            await Json(context, 200, new JsonObject
            {
                ["items"] = new JsonArray([.. all.Skip((page.Value - 1) * size.Value).Take(size.Value).Select(e => e.DeepClone())]),
                ["page"] = page,
                ["pageSize"] = size,
                ["totalItems"] = all.Count,
            });
        });

        app.MapPost("/api/v1/extensions", async context =>
        {
            if (context.Request.Headers["Idempotency-Key"].ToString() is not { Length: > 0 } key)
            {
                await Error(context, 400, "idempotency_key_required", "A create needs an Idempotency-Key header.");
                return;
            }
            if (await JsonBodyAsync(context, FakePbxWireFormat.ProfileError) is not { } profile)
            {
                return;
            }
            // A repeated create (same key) answers the record the first one made instead of a second record or a 409.
            if (_createdByIdempotencyKey.TryGetValue(key, out var earlier) && Extensions.TryGetValue(earlier, out var replayed))
            {
                await Json(context, 201, replayed);
                return;
            }
            var number = profile["extension"]!.GetValue<string>();
            if (Extensions.Values.Any(e => e["extension"]!.GetValue<string>() == number))
            {
                await Error(context, 409, "extension_taken", $"Extension {number} already exists.");
                return;
            }
            var id = AddExtension(number);
            _createdByIdempotencyKey[key] = id;
            Apply(Extensions[id], profile);
            await Json(context, 201, Extensions[id]);
        });

        app.MapPut("/api/v1/extensions/{id}", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is not { } extension || await JsonBodyAsync(context, FakePbxWireFormat.ProfileError) is not { } profile)
            {
                return;
            }
            var number = profile["extension"]!.GetValue<string>();
            if (Extensions.Any(e => e.Key != id && e.Value["extension"]!.GetValue<string>() == number))
            {
                await Error(context, 409, "extension_taken", $"Extension {number} already exists.");
                return;
            }
            Apply(extension, profile);
            await Json(context, 200, extension);
        });

        app.MapDelete("/api/v1/extensions/{id}", async (HttpContext context, string id) =>
        {
            if (!Extensions.TryRemove(id, out _))
            {
                await Error(context, 404, "not_found", "No such extension.");
                return;
            }
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/voicemail", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is not { } extension || await JsonBodyAsync(context, FakePbxWireFormat.VoicemailError) is not { } body)
            {
                return;
            }
            var voicemail = extension["voicemail"]!.AsObject();
            voicemail["enabled"] = body["enabled"]!.GetValue<bool>();
            voicemail["email"] = body["email"]?.GetValue<string>();
            if (body["password"]?.GetValue<string>() is { } pin)
            {
                VoicemailPins[id] = pin;
                voicemail["hasPassword"] = true;
            }
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/voicemail/greeting", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is not { } extension)
            {
                return;
            }
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            if (FakePbxWireFormat.GreetingError(context.Request.ContentType, buffer.Length) is { } problem)
            {
                await Error(context, 400, "invalid_request", problem);
                return;
            }
            Greetings[id] = (buffer.ToArray(), context.Request.ContentType!);
            extension["voicemail"]!["hasGreeting"] = true;
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/forwarding", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is not { } extension || await JsonBodyAsync(context, FakePbxWireFormat.ForwardingError) is not { } body)
            {
                return;
            }
            extension["forwarding"] = body;
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/dnd", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is not { } extension || await JsonBodyAsync(context, FakePbxWireFormat.DoNotDisturbError) is not { } body)
            {
                return;
            }
            extension["doNotDisturb"] = body["enabled"]!.GetValue<bool>();
            context.Response.StatusCode = 204;
        });

        app.MapGet("/api/v1/extensions/{id}/messages", async (HttpContext context, string id) =>
        {
            if (await ExtensionAsync(context, id) is null)
            {
                return;
            }
            var items = Messages.TryGetValue(id, out var list) ? list.Select(m => m.Message.DeepClone()) : [];
            await Json(context, 200, new JsonObject { ["items"] = new JsonArray([.. items]) });
        });

        app.MapGet("/api/v1/extensions/{id}/messages/{messageId}/audio", async (HttpContext context, string id, string messageId) =>
        {
            if (await ExtensionAsync(context, id) is null)
            {
                return;
            }
            var message = Messages.TryGetValue(id, out var list) ? list.FirstOrDefault(m => m.Message["id"]!.GetValue<string>() == messageId) : default;
            if (message.Message is null)
            {
                await Error(context, 404, "not_found", "No such message.");
                return;
            }
            if (message.ContentType.Length > 0)
            {
                context.Response.ContentType = message.ContentType;
            }
            await context.Response.Body.WriteAsync(message.Audio);
        });

        app.MapDelete("/api/v1/extensions/{id}/messages/{messageId}", async (HttpContext context, string id, string messageId) =>
        {
            if (await ExtensionAsync(context, id) is null)
            {
                return;
            }
            if (!Messages.TryGetValue(id, out var list) || list.RemoveAll(m => m.Message["id"]!.GetValue<string>() == messageId) == 0)
            {
                await Error(context, 404, "not_found", "No such message.");
                return;
            }
            context.Response.StatusCode = 204;
        });
    }

    /// <summary>The extension with this id, or null after answering 404 (the PBX's answer for every sub-resource of an unknown id).</summary>
    private async Task<JsonObject?> ExtensionAsync(HttpContext context, string id)
    {
        if (Extensions.TryGetValue(id, out var extension))
        {
            return extension;
        }
        await Error(context, 404, "not_found", $"No extension with id {id}.");
        return null;
    }

    /// <summary>The JSON body when it is JSON and passes <paramref name="problemOf"/>; otherwise null after answering 415 or 400.</summary>
    private static async Task<JsonObject?> JsonBodyAsync(HttpContext context, Func<JsonNode?, string?> problemOf)
    {
        if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, 415, "unsupported_media_type", "The body must be application/json.");
            return null;
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            await Error(context, 400, "invalid_json", "The body is not JSON.");
            return null;
        }
        if (problemOf(body) is { } problem)
        {
            await Error(context, 400, "invalid_request", problem);
            return null;
        }
        return body!.AsObject();
    }

    private static int? QueryNumber(HttpContext context, string name, int fallback) =>
        context.Request.Query[name].ToString() is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : null;

    private static string ErrorCodeOf(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        408 => "request_timeout",
        429 => "rate_limited",
        >= 500 => "server_error",
        _ => "rejected",
    };

    public void AddMessage(string extensionId, string messageId, DateTimeOffset receivedAt, byte[] audio, string contentType = "audio/wav")
    {
        var list = Messages.GetOrAdd(extensionId, _ => []);
        list.Add((new JsonObject
        {
            ["id"] = messageId,
            ["from"] = "+4989123456",
            ["receivedAt"] = receivedAt.ToString("O", CultureInfo.InvariantCulture),
            ["durationSeconds"] = 12,
            ["read"] = false,
        }, audio, contentType));
    }

    private static void Apply(JsonObject extension, JsonObject profile)
    {
        foreach (var (key, value) in profile)
        {
            extension[key] = value?.DeepClone();
        }
    }

    public static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, status, ErrorBody(code, message));

    /// <summary>The PBX's error shape: <c>{"error": {"code", "message"}}</c>.</summary>
    private static JsonObject ErrorBody(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
