using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HostedPbx.Tests;

/// <summary>A recorded call to the fake PBX.</summary>
internal sealed record PbxCall(string Method, string Path, string? Authorization, string Body);

/// <summary>
/// A hosted PBX REST API on 127.0.0.1, speaking the wire format documented in docs/connectors/hosted-pbx.md:
/// bearer auth, /api/v1/extensions CRUD with paging, voicemail/forwarding/dnd sub-resources and messages.
/// </summary>
internal sealed class FakePbx : IAsyncDisposable
{
    private int _nextId;

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

    public ConcurrentQueue<PbxCall> Calls { get; } = new();

    /// <summary>When set, answers every request instead of the normal routes (e.g. 429, 500, garbage).</summary>
    public Func<HttpContext, Task>? Override { get; set; }

    public static async Task<FakePbx> StartAsync(string apiKey = PbxTestBed.ApiKey)
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

    public string IdOf(string extension) => Extensions.Single(e => e.Value["extension"]!.GetValue<string>() == extension).Key;

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            var authorization = context.Request.Headers.Authorization.ToString();
            Calls.Enqueue(new PbxCall(context.Request.Method, context.Request.Path + context.Request.QueryString, authorization, body));
            if (authorization != $"Bearer {ApiKey}")
            {
                await Error(context, 401, "unauthorized", "Invalid API key.");
                return;
            }
            if (Override is { } answer)
            {
                await answer(context);
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
            var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
            var size = int.TryParse(context.Request.Query["pageSize"], out var s) ? s : 50;
            await Json(context, 200, new JsonObject
            {
                ["items"] = new JsonArray([.. all.Skip((page - 1) * size).Take(size).Select(e => e.DeepClone())]),
                ["page"] = page,
                ["pageSize"] = size,
                ["totalItems"] = all.Count,
            });
        });

        app.MapPost("/api/v1/extensions", async context =>
        {
            var profile = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var number = profile["extension"]!.GetValue<string>();
            if (Extensions.Values.Any(e => e["extension"]!.GetValue<string>() == number))
            {
                await Error(context, 409, "extension_taken", $"Extension {number} already exists.");
                return;
            }
            var id = AddExtension(number);
            Apply(Extensions[id], profile);
            await Json(context, 201, Extensions[id]);
        });

        app.MapPut("/api/v1/extensions/{id}", async (HttpContext context, string id) =>
        {
            if (!Extensions.TryGetValue(id, out var extension))
            {
                await Error(context, 404, "not_found", "No such extension.");
                return;
            }
            var profile = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
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
            if (!Extensions.TryGetValue(id, out var extension))
            {
                await Error(context, 404, "not_found", "No such extension.");
                return;
            }
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
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
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            Greetings[id] = (buffer.ToArray(), context.Request.ContentType ?? "");
            Extensions[id]["voicemail"]!["hasGreeting"] = true;
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/forwarding", async (HttpContext context, string id) =>
        {
            Extensions[id]["forwarding"] = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.StatusCode = 204;
        });

        app.MapPut("/api/v1/extensions/{id}/dnd", async (HttpContext context, string id) =>
        {
            Extensions[id]["doNotDisturb"] = (await JsonNode.ParseAsync(context.Request.Body))!["enabled"]!.GetValue<bool>();
            context.Response.StatusCode = 204;
        });

        app.MapGet("/api/v1/extensions/{id}/messages", async (HttpContext context, string id) =>
        {
            var items = Messages.TryGetValue(id, out var list) ? list.Select(m => m.Message.DeepClone()) : [];
            await Json(context, 200, new JsonObject { ["items"] = new JsonArray([.. items]) });
        });

        app.MapGet("/api/v1/extensions/{id}/messages/{messageId}/audio", async (HttpContext context, string id, string messageId) =>
        {
            var message = Messages.TryGetValue(id, out var list) ? list.FirstOrDefault(m => m.Message["id"]!.GetValue<string>() == messageId) : default;
            if (message.Message is null)
            {
                await Error(context, 404, "not_found", "No such message.");
                return;
            }
            context.Response.ContentType = message.ContentType;
            await context.Response.Body.WriteAsync(message.Audio);
        });

        app.MapDelete("/api/v1/extensions/{id}/messages/{messageId}", async (HttpContext context, string id, string messageId) =>
        {
            if (!Messages.TryGetValue(id, out var list) || list.RemoveAll(m => m.Message["id"]!.GetValue<string>() == messageId) == 0)
            {
                await Error(context, 404, "not_found", "No such message.");
                return;
            }
            context.Response.StatusCode = 204;
        });
    }

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
        Json(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
