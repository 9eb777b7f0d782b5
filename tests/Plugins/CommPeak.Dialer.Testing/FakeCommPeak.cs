using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CommPeak.Dialer.Testing;

/// <summary>
/// CommPeak's dialer user API on 127.0.0.1, as strict as its public reference (docs.commpeak.com: core-api-concepts,
/// createuser, updateuser, getuser; summarised in /work/shared/notes/vendor-apis.md section 2): HTTP Basic only
/// (401 otherwise); <c>POST /api/users</c> takes only the create call's documented fields and <c>PUT /api/users/</c>
/// only the update call's (plus <c>id</c>), every scalar as a JSON string and lists as arrays of id strings; any other
/// field is refused with 400. Username and email are mandatory on create, at least one role, and every role, skill
/// group and desk id must exist (422 otherwise). Where the docs are silent this fake uses the connector's default
/// (unconfirmed) paths: <c>GET /api/users/{id}</c>, <c>GET /api/users/?username=|page=&amp;per_page=</c>, the option
/// lists at <c>/api/roles</c>, <c>/api/skill-groups</c>, <c>/api/tags</c>, <c>/api/desks</c> as <c>[{id, name}]</c>,
/// and errors as <c>{"message": ...}</c>. The read calls answer <c>roles</c> as an object (id → name), as getuser
/// documents it. Failures (401/429 with Retry-After/5xx) are scripted with <see cref="Fail"/>; answers the reference
/// leaves open (the create answer's shape, bodies that are not the expected JSON) with <see cref="CreateAnswer"/> and
/// <see cref="Answer"/>.
/// </summary>
internal sealed class FakeCommPeak : IAsyncDisposable
{
    public const string ApiUser = "api-connector";
    public const string DefaultPassword = "cp-pass-5e1d9";

    /// <summary>Documented fields of the create call (POST /api/users).</summary>
    public static readonly IReadOnlySet<string> CreateFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "username", "email", "password", "reset_password", "sip_option", "sip_uri", "is_active", "roles", "desks", "skill_groups",
        "member_all_desks", "use_extended_ip_acl", "user_route_caller_id", "kerb_username",
    };

    /// <summary>Documented fields of the update call (PUT /api/users/), besides the id.</summary>
    public static readonly IReadOnlySet<string> UpdateFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "username", "email", "first_name", "last_name", "virtual_extension", "sip_uri", "use_webrtc", "is_active", "is_deleted",
        "member_all_desks", "use_extended_ip_acl", "user_route_caller_id", "timezone_id", "default_language", "twofa_type",
        "max_session_time", "max_concurrent_sessions", "registration_password",
    };

    private static readonly HashSet<string> ListFields = ["roles", "desks", "skill_groups"];

    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string? Body, Func<FakeCommPeakCall, bool> When)> _scripted = new();
    private int _nextId = 100;
    private LoopbackServer _server = null!;

    private FakeCommPeak(string password) => Password = password;

    /// <summary>The API user's password; a test changes it to play a password reset at CommPeak.</summary>
    public string Password { get; set; }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Users by id, in CommPeak's read shape (every value a string, lists as arrays of ids).</summary>
    public ConcurrentDictionary<string, JsonObject> Users { get; } = new();

    public ConcurrentDictionary<string, string> Roles { get; } = new() { ["1"] = "Agent", ["2"] = "Supervisor" };

    public ConcurrentDictionary<string, string> SkillGroups { get; } = new() { ["10"] = "Sales", ["11"] = "Support" };

    public ConcurrentDictionary<string, string> Tags { get; } = new() { ["20"] = "VIP" };

    public ConcurrentDictionary<string, string> Desks { get; } = new() { ["30"] = "Berlin" };

    /// <summary>Field names a tenant accepts beyond the public reference (what a test maps in undocumentedFieldNames).</summary>
    public HashSet<string> TenantFields { get; } = [];

    public ConcurrentQueue<FakeCommPeakCall> Calls { get; } = new();

    /// <summary>
    /// The body of a successful create, given the stored user (default: a one-element array of it). The reference does
    /// not show the create answer, so tests play the shapes a tenant might send (an object, <c>user_id</c>, a wrapper).
    /// </summary>
    public Func<JsonObject, string>? CreateAnswer { get; set; }

    public static async Task<FakeCommPeak> StartAsync(string password = DefaultPassword)
    {
        var fake = new FakeCommPeak(password);
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>
    /// Answers the next request <paramref name="when"/> matches (default: any) with <paramref name="status"/> and the
    /// error body <c>{"success": false, "message": ...}</c> (<paramref name="message"/>, default "Scripted answer N.").
    /// </summary>
    public void Fail(int status, string? retryAfter = null, Func<FakeCommPeakCall, bool>? when = null, string? message = null) =>
        _scripted.Enqueue((status, retryAfter,
            new JsonObject { ["success"] = false, ["message"] = message ?? $"Scripted answer {status}." }.ToJsonString(), when ?? (_ => true)));

    /// <summary>Answers the next request <paramref name="when"/> matches with <paramref name="status"/> and exactly <paramref name="body"/> (nothing is stored).</summary>
    public void Answer(int status, string body, Func<FakeCommPeakCall, bool> when) => _scripted.Enqueue((status, null, body, when));

    public JsonObject UserNamed(string username) => Users.Values.Single(u => u["username"]!.GetValue<string>() == username);

    public string AddUser(string username, string email, params string[] roles)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        Users[id] = new JsonObject
        {
            ["id"] = id, ["username"] = username, ["email"] = email, ["is_active"] = "1",
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]),
        };
        return id;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var authorization = context.Request.Headers.Authorization.ToString();
            var call = new FakeCommPeakCall(context.Request.Method, context.Request.Path + context.Request.QueryString, authorization.Length == 0 ? null : authorization, body);
            Calls.Enqueue(call);
            context.Items["body"] = body;
            if (authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiUser}:{Password}")))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"api\"";
                await Error(context, 401, "Unauthorized.");
                return;
            }
            if (TakeScripted(call) is { } scripted)
            {
                if (scripted.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }
                context.Response.StatusCode = scripted.Status;
                context.Response.ContentType = scripted.Body.StartsWith('<') ? "text/html" : "application/json";
                await context.Response.WriteAsync(scripted.Body);
                return;
            }
            await next(context);
        });

        app.MapPost("/api/users", async context =>
        {
            if (await BodyAsync(context, CreateFields, idRequired: false) is not { } body)
            {
                return;
            }
            var username = Text(body, "username");
            if (username is null || Text(body, "email") is null)
            {
                await Error(context, 422, "username and email are required.");
                return;
            }
            if (body["roles"] is not JsonArray { Count: > 0 })
            {
                await Error(context, 422, "At least one role is required.");
                return;
            }
            if (Users.Values.Any(u => string.Equals(Text(u, "username"), username, StringComparison.OrdinalIgnoreCase)))
            {
                await Error(context, 422, "The username has already been taken.");
                return;
            }
            var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            var user = new JsonObject { ["id"] = id, ["is_active"] = "1" };
            Apply(user, body);
            Users[id] = user;
            if (CreateAnswer is { } answer)
            {
                context.Response.StatusCode = 201;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(answer((JsonObject)user.DeepClone()));
                return;
            }
            await Json(context, 201, new JsonArray(user.DeepClone()));
        });

        app.MapPut("/api/users/", async context =>
        {
            if (await BodyAsync(context, UpdateFields, idRequired: true) is not { } body)
            {
                return;
            }
            if (!Users.TryGetValue(Text(body, "id")!, out var user))
            {
                await Error(context, 404, "User not found.");
                return;
            }
            if (Text(body, "username") is { } username && Users.Values.Any(u => u != user && string.Equals(Text(u, "username"), username, StringComparison.OrdinalIgnoreCase)))
            {
                await Error(context, 422, "The username has already been taken.");
                return;
            }
            Apply(user, body);
            await Json(context, 200, new JsonArray(user.DeepClone()));
        });

        app.MapGet("/api/users/{id}", async (HttpContext context, string id) =>
        {
            if (!Users.TryGetValue(id, out var user))
            {
                await Error(context, 404, "User not found.");
                return;
            }
            await Json(context, 200, new JsonArray(ReadShape(user)));
        });

        app.MapGet("/api/users/", async context =>
        {
            var all = Users.Values.OrderBy(u => int.Parse(Text(u, "id")!, CultureInfo.InvariantCulture)).ToList();
            if (context.Request.Query["username"].ToString() is { Length: > 0 } username)
            {
                all = [.. all.Where(u => string.Equals(Text(u, "username"), username, StringComparison.OrdinalIgnoreCase))];
            }
            var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
            var size = int.TryParse(context.Request.Query["per_page"], out var s) ? s : 50;
            await Json(context, 200, new JsonArray([.. all.Skip((page - 1) * size).Take(size).Select(u => (JsonNode?)ReadShape(u))]));
        });

        MapList(app, "/api/roles", Roles);
        MapList(app, "/api/skill-groups", SkillGroups);
        MapList(app, "/api/tags", Tags);
        MapList(app, "/api/desks", Desks);
    }

    private HashSet<string> Extra()
    {
        lock (TenantFields)
        {
            return [.. TenantFields];
        }
    }

    // getuser documents roles as an object; the fake keys it by role id with the role's name.
    private JsonObject ReadShape(JsonObject user)
    {
        var read = (JsonObject)user.DeepClone();
        if (read["roles"] is JsonArray roles)
        {
            read["roles"] = new JsonObject(roles.Select(r => r!.GetValue<string>())
                .Select(r => KeyValuePair.Create(r, (JsonNode?)(Roles.TryGetValue(r, out var name) ? name : r))));
        }
        return read;
    }

    private (int Status, string? RetryAfter, string Body)? TakeScripted(FakeCommPeakCall call)
    {
        // One scripted answer per matching request, in the order scripted.
        var count = _scripted.Count;
        for (var i = 0; i < count && _scripted.TryDequeue(out var entry); i++)
        {
            if (entry.When(call))
            {
                return (entry.Status, entry.RetryAfter, entry.Body!);
            }
            _scripted.Enqueue(entry);
        }
        return null;
    }

    private static void MapList(WebApplication app, string path, ConcurrentDictionary<string, string> items) =>
        app.MapGet(path, context => Json(context, 200, new JsonArray([.. items
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => (JsonNode?)new JsonObject { ["id"] = i.Key, ["name"] = i.Value })])));

    /// <summary>The JSON body if it holds only <paramref name="allowed"/> fields with string values (lists: arrays of existing ids); else answers the error.</summary>
    private async Task<JsonObject?> BodyAsync(HttpContext context, IReadOnlySet<string> allowed, bool idRequired)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse((string)context.Items["body"]!) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            await Error(context, 400, "The body must be a JSON object.");
            return null;
        }
        var fields = allowed.Concat(Extra()).ToHashSet(StringComparer.Ordinal);
        if (idRequired)
        {
            fields.Add("id");
        }
        foreach (var (name, value) in body)
        {
            if (!fields.Contains(name))
            {
                await Error(context, 400, $"Unknown field '{name}'.");
                return null;
            }
            var listOk = ListFields.Contains(name) || (Extra().Contains(name) && value is JsonArray);
            if (value is JsonArray array ? !listOk || array.Any(i => i is not JsonValue v || v.GetValueKind() != JsonValueKind.String) : value is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
            {
                await Error(context, 400, $"Field '{name}' must be {(listOk ? "an array of id strings" : "a string")}.");
                return null;
            }
        }
        if (idRequired && Text(body, "id") is null)
        {
            await Error(context, 400, "id is required.");
            return null;
        }
        foreach (var (name, known) in new[] { ("roles", Roles), ("skill_groups", SkillGroups), ("desks", Desks) })
        {
            if (body[name] is JsonArray ids && ids.Select(i => i!.GetValue<string>()).FirstOrDefault(i => !known.ContainsKey(i)) is { } missing)
            {
                await Error(context, 422, $"The selected {name} id {missing} is invalid.");
                return null;
            }
        }
        return body;
    }

    private static void Apply(JsonObject user, JsonObject body)
    {
        foreach (var (name, value) in body)
        {
            if (name != "id" && name != "password")
            {
                user[name] = value?.DeepClone();
            }
        }
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;

    public static Task Error(HttpContext context, int status, string message) =>
        Json(context, status, new JsonObject { ["success"] = false, ["message"] = message });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
