using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectel.Testing;

/// <summary>
/// A Connectel contact center (xCALLY Motion) on 127.0.0.1, as strict as the public sources: shared/notes/vendor-apis.md
/// section 1 (<c>/api/users</c>, <c>/api/users/{id}</c>, <c>{count, rows}</c> lists with <c>limit</c>/<c>offset</c> and field
/// filters, auth by <c>?apikey=</c> or Basic, login field <c>name</c> — there is no <c>username</c>) and the help page
/// "Create Supervisor/User" (shared/seeds/connectel-users.md, rules in <see cref="FakeConnectelRules"/>). It refuses wrong
/// credentials (401), unknown fields such as <c>username</c> (400), uppercase logins (400), a changed role or login (400),
/// a User-role user without an existing profile (400), duplicate logins or internal numbers (409), an avatar that is not
/// PNG/JPG by content or is over 8 MB (400), and deleting a profile users hold (409 naming them). The unconfirmed names
/// (<c>UserProfileId</c>, <c>password</c>, <c>mustChangePassword</c>, <c>locked</c>, <c>lastPasswordReset</c>,
/// <c>/api/userProfiles</c>, <c>/api/users/{id}/api_key</c>, <c>/api/users/{id}/avatar</c>) are the connector's defaults.
/// Error bodies are <c>{"message": ...}</c> (no public error format).
/// </summary>
internal sealed class FakeConnectel : IAsyncDisposable
{
    public const string DefaultApiKey = "connectel-test-key-8d21";
    public const int AvatarMaxBytes = 8 * 1024 * 1024;

    private readonly ScriptedAnswers _scripted = new();
    private readonly object _gate = new();
    private int _nextUserId;
    private int _nextProfileId;

    private FakeConnectel(string apiKey, bool securitySuite)
    {
        ApiKey = apiKey;
        SecuritySuite = securitySuite;
    }

    public string ApiKey { get; }

    public bool SecuritySuite { get; }

    /// <summary>Accepted Basic credentials, when a test sets them.</summary>
    public (string Username, string Password)? Basic { get; set; }

    public LoopbackServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Users by id in the GET shape (never with the password).</summary>
    public ConcurrentDictionary<int, JsonObject> Users { get; } = new();

    /// <summary>Passwords by user id (Connectel never returns them).</summary>
    public ConcurrentDictionary<int, string> Passwords { get; } = new();

    public ConcurrentDictionary<int, string> ApiKeys { get; } = new();

    public ConcurrentDictionary<int, (byte[] Data, string ContentType)> Avatars { get; } = new();

    public ConcurrentDictionary<int, JsonObject> Profiles { get; } = new();

    public ConcurrentQueue<VendorCall> Calls { get; } = new();

    public static async Task<FakeConnectel> StartAsync(string apiKey = DefaultApiKey, bool securitySuite = false)
    {
        var fake = new FakeConnectel(apiKey, securitySuite);
        fake.Server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>Answers the next matching requests with <paramref name="status"/> (e.g. 429 with Retry-After, 500, or a raw garbage body).</summary>
    public void Fail(int status, string? retryAfter = null, Func<VendorCall, bool>? when = null, string? rawBody = null, int times = 1) =>
        _scripted.Add(status, when, retryAfter, rawBody, rawBody is null ? "application/json" : "text/html", times);

    public string AddProfile(string name, params string[] permissions)
    {
        var id = Interlocked.Increment(ref _nextProfileId);
        Profiles[id] = new JsonObject { ["id"] = id, ["name"] = name, ["description"] = null, ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode?)p)]) };
        return id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A user made by hand at Connectel.</summary>
    public int AddUser(string name, string email, string role = "admin", string? internalNumber = null)
    {
        var id = Interlocked.Increment(ref _nextUserId);
        Users[id] = NewRow(id, name, email, role, internalNumber ?? (900 + id).ToString(CultureInfo.InvariantCulture));
        return id;
    }

    /// <summary>Locks the account, as Connectel does after too many failed logins.</summary>
    public void Lock(string name) => UserNamed(name)[FakeConnectelRules.Locked] = true;

    private static JsonObject NewRow(int id, string name, string email, string role, string internalNumber) => new()
    {
        ["id"] = id, ["name"] = name, ["fullname"] = name, ["email"] = email, ["role"] = role, ["internal"] = internalNumber,
        ["context"] = "from-sip", ["transport"] = "udp", ["nat"] = "no", ["disallow"] = "all", ["allow"] = "ulaw;alaw",
        ["callgroup"] = null, ["pickupgroup"] = null, [FakeConnectelRules.ProfileId] = null, ["description"] = null,
        ["disabled"] = false, ["sso"] = false, ["messengerSound"] = false, [FakeConnectelRules.Locked] = false,
        [FakeConnectelRules.LastPasswordReset] = null,
    };

    public JsonObject UserNamed(string name) => Users.Values.Single(u => u["name"]!.GetValue<string>() == name);

    public int IdOf(string name) => UserNamed(name)["id"]!.GetValue<int>();

    private static string Message(string text) => new JsonObject { ["message"] = text }.ToJsonString();

    private static Task Answer(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Message(message));
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private bool Authorized(HttpContext context)
    {
        if (context.Request.Query["apikey"].ToString() is { Length: > 0 } key)
        {
            return key == ApiKey;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (Basic is { } basic && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
            return decoded == $"{basic.Username}:{basic.Password}";
        }
        return false;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var call = await ScriptedAnswers.RecordAsync(context);
            Calls.Enqueue(call);
            if (!Authorized(context))
            {
                await Answer(context, 401, "Unauthorized");
                return;
            }
            if (await _scripted.TryAnswerAsync(context, call, (status, message) => Message(message ?? $"Scripted answer {status}.")))
            {
                return;
            }
            await next(context);
        });

        app.MapGet("/api/users", context => ListAsync(context, Users.Values));
        app.MapGet("/api/users/{id:int}", (HttpContext context, int id) =>
            Users.TryGetValue(id, out var user) ? Json(context, 200, user.DeepClone()) : Answer(context, 404, "User not found."));
        app.MapPost("/api/users", CreateUserAsync);
        app.MapPut("/api/users/{id:int}", UpdateUserAsync);
        app.MapDelete("/api/users/{id:int}", (HttpContext context, int id) =>
        {
            if (!Users.TryRemove(id, out _))
            {
                return Answer(context, 404, "User not found.");
            }
            Passwords.TryRemove(id, out _);
            ApiKeys.TryRemove(id, out _);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        app.MapPost("/api/users/{id:int}/api_key", (HttpContext context, int id) =>
        {
            if (!Users.ContainsKey(id))
            {
                return Answer(context, 404, "User not found.");
            }
            ApiKeys[id] = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
            return Json(context, 201, new JsonObject { ["apikey"] = ApiKeys[id] });
        });
        app.MapDelete("/api/users/{id:int}/api_key", (HttpContext context, int id) =>
        {
            if (!Users.ContainsKey(id))
            {
                return Answer(context, 404, "User not found.");
            }
            ApiKeys.TryRemove(id, out _);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        app.MapPut("/api/users/{id:int}/avatar", PutAvatarAsync);

        app.MapGet("/api/userProfiles", context => ListAsync(context, Profiles.Values));
        app.MapPost("/api/userProfiles", (HttpContext context) => WriteProfileAsync(context, null));
        app.MapPut("/api/userProfiles/{id:int}", (HttpContext context, int id) => WriteProfileAsync(context, id));
        app.MapDelete("/api/userProfiles/{id:int}", (HttpContext context, int id) =>
        {
            lock (_gate)
            {
                if (!Profiles.ContainsKey(id))
                {
                    return Answer(context, 404, "User profile not found.");
                }
                var holders = Users.Values.Where(u => FakeConnectelRules.Text(u, FakeConnectelRules.ProfileId) == id.ToString(CultureInfo.InvariantCulture))
                    .Select(u => u["name"]!.GetValue<string>()).Order().ToList();
                if (holders.Count > 0)
                {
                    return Answer(context, 409, $"User profile is used by: {string.Join(", ", holders)}.");
                }
                Profiles.TryRemove(id, out _);
            }
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    private static readonly HashSet<string> ListParameters = ["limit", "offset", "sort", "fields", "apikey"];

    private static Task ListAsync(HttpContext context, IEnumerable<JsonObject> source)
    {
        var query = context.Request.Query;
        var limit = 100;
        long offset = 0;
        if ((query.ContainsKey("limit") && (!int.TryParse(query["limit"], out limit) || limit is < 1 or > 1000))
            || (query.ContainsKey("offset") && (!long.TryParse(query["offset"], out offset) || offset < 0)))
        {
            return Answer(context, 400, "limit must be 1-1000 and offset at least 0.");
        }
        var rows = source.OrderBy(r => r["id"]!.GetValue<int>()).ToList();
        foreach (var (key, value) in query.Where(q => !ListParameters.Contains(q.Key)))
        {
            if (rows.Count > 0 && !rows[0].ContainsKey(key) || key == "username")
            {
                return Answer(context, 400, $"Unknown filter '{key}'.");
            }
            rows = [.. rows.Where(r => FakeConnectelRules.Text(r, key) == value.ToString())];
        }
        var page = rows.Skip((int)offset).Take(limit).Select(r => (JsonNode?)r.DeepClone());
        return Json(context, 200, new JsonObject { ["count"] = rows.Count, ["rows"] = new JsonArray([.. page]) });
    }

    private async Task CreateUserAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        if (FakeConnectelRules.Check(body, create: true, SecuritySuite) is { } problem)
        {
            await Answer(context, 400, problem);
            return;
        }
        JsonObject created;
        lock (_gate)
        {
            if (Clash(body, exceptId: null) is { } clash)
            {
                context.Response.StatusCode = 409;
                created = new JsonObject { ["message"] = clash };
            }
            else if (ProfileProblem(body, role: FakeConnectelRules.Text(body, "role")!, current: null) is { } profileProblem)
            {
                context.Response.StatusCode = 400;
                created = new JsonObject { ["message"] = profileProblem };
            }
            else
            {
                var id = Interlocked.Increment(ref _nextUserId);
                // xCALLY generates the internal number when none is given.
                var row = NewRow(id, FakeConnectelRules.Text(body, "name")!, FakeConnectelRules.Text(body, "email")!, FakeConnectelRules.Text(body, "role")!,
                    FakeConnectelRules.Text(body, "internal") ?? NextInternal());
                Apply(row, body, id);
                Users[id] = row;
                context.Response.StatusCode = 201;
                created = (JsonObject)row.DeepClone();
            }
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(created.ToJsonString());
    }

    private async Task UpdateUserAsync(HttpContext context, int id)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        if (!Users.TryGetValue(id, out var row))
        {
            await Answer(context, 404, "User not found.");
            return;
        }
        if (FakeConnectelRules.Check(body, create: false, SecuritySuite) is { } problem)
        {
            await Answer(context, 400, problem);
            return;
        }
        string? refusal;
        lock (_gate)
        {
            refusal = (body.ContainsKey("name") && FakeConnectelRules.Text(body, "name") != FakeConnectelRules.Text(row, "name")) ? "The username cannot be changed."
                : (body.ContainsKey("role") && FakeConnectelRules.Text(body, "role") != FakeConnectelRules.Text(row, "role")) ? "The role cannot be changed."
                : (body.ContainsKey("internal") && FakeConnectelRules.Text(body, "internal") != FakeConnectelRules.Text(row, "internal")) ? "The internal number cannot be changed."
                : ProfileProblem(body, FakeConnectelRules.Text(row, "role")!, row) ?? Clash(body, id);
            if (refusal is null)
            {
                Apply(row, body, id);
            }
        }
        if (refusal is not null)
        {
            await Answer(context, 400, refusal);
            return;
        }
        await Json(context, 200, row.DeepClone());
    }

    private async Task PutAvatarAsync(HttpContext context, int id)
    {
        if (!Users.ContainsKey(id))
        {
            await Answer(context, 404, "User not found.");
            return;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var data = buffer.ToArray();
        var isPng = data.Length >= 8 && data[0] == 0x89 && data[1] == 0x50 && data[2] == 0x4E && data[3] == 0x47;
        var isJpeg = data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
        if (!isPng && !isJpeg)
        {
            await Answer(context, 400, "Only PNG and JPG formats are allowed.");
            return;
        }
        if (data.Length > AvatarMaxBytes)
        {
            await Answer(context, 400, "The avatar is larger than 8MB.");
            return;
        }
        Avatars[id] = (data, isPng ? "image/png" : "image/jpeg");
        context.Response.StatusCode = 204;
    }

    private async Task WriteProfileAsync(HttpContext context, int? id)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return;
        }
        if (body.Select(p => p.Key).FirstOrDefault(k => k is not ("name" or "description" or "permissions")) is { } unknown)
        {
            await Answer(context, 400, $"Unknown field '{unknown}'.");
            return;
        }
        if (id is null && string.IsNullOrWhiteSpace(FakeConnectelRules.Text(body, "name")))
        {
            await Answer(context, 400, "'name' is required.");
            return;
        }
        JsonObject profile;
        lock (_gate)
        {
            if (id is { } existing && !Profiles.ContainsKey(existing))
            {
                profile = null!;
            }
            else
            {
                var key = id ?? Interlocked.Increment(ref _nextProfileId);
                profile = Profiles.GetOrAdd(key, k => new JsonObject { ["id"] = k, ["name"] = null, ["description"] = null, ["permissions"] = new JsonArray() });
                foreach (var (field, value) in body)
                {
                    profile[field] = value?.DeepClone();
                }
            }
        }
        if (profile is null)
        {
            await Answer(context, 404, "User profile not found.");
            return;
        }
        await Json(context, id is null ? 201 : 200, profile.DeepClone());
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            if (await JsonNode.ParseAsync(context.Request.Body) is JsonObject body)
            {
                return body;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Answered below like any other malformed body.
        }
        await Answer(context, 400, "The body must be a JSON object.");
        return null;
    }

    private string? Clash(JsonObject body, int? exceptId)
    {
        var others = Users.Values.Where(u => u["id"]!.GetValue<int>() != exceptId).ToList();
        if (FakeConnectelRules.Text(body, "name") is { } name && others.Any(u => FakeConnectelRules.Text(u, "name") == name))
        {
            return $"name '{name}' already exists.";
        }
        if (FakeConnectelRules.Text(body, "internal") is { } number && others.Any(u => FakeConnectelRules.Text(u, "internal") == number))
        {
            return $"internal '{number}' already exists.";
        }
        return null;
    }

    private string? ProfileProblem(JsonObject body, string role, JsonObject? current)
    {
        var profile = body.ContainsKey(FakeConnectelRules.ProfileId) ? FakeConnectelRules.Text(body, FakeConnectelRules.ProfileId) : current is null ? null : FakeConnectelRules.Text(current, FakeConnectelRules.ProfileId);
        if (role == "user" && profile is null)
        {
            return "A user with role 'user' needs a UserProfileId.";
        }
        if (profile is not null && !(int.TryParse(profile, out var pid) && Profiles.ContainsKey(pid)))
        {
            return $"UserProfileId {profile} does not exist.";
        }
        return null;
    }

    private string NextInternal()
    {
        var used = Users.Values.Select(u => FakeConnectelRules.Text(u, "internal")).ToHashSet();
        var n = 1000;
        while (used.Contains(n.ToString(CultureInfo.InvariantCulture)))
        {
            n++;
        }
        return n.ToString(CultureInfo.InvariantCulture);
    }

    private void Apply(JsonObject row, JsonObject body, int id)
    {
        foreach (var (key, value) in body)
        {
            if (key == FakeConnectelRules.Password)
            {
                Passwords[id] = value!.GetValue<string>();
                row[FakeConnectelRules.LastPasswordReset] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            }
            else if (key != FakeConnectelRules.ChangePassword)
            {
                row[key] = key == FakeConnectelRules.ProfileId && value is not null ? int.Parse(FakeConnectelRules.Text(body, key)!, CultureInfo.InvariantCulture) : value?.DeepClone();
            }
        }
        if (body.ContainsKey(FakeConnectelRules.ChangePassword))
        {
            row["mustChangePassword"] = body[FakeConnectelRules.ChangePassword]!.DeepClone();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
