using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Starface.Cti.Testing;

/// <summary>
/// A fake STARFACE REST API (X-Version 2), as strict as STARFACE's published swagger (STARFACEGmbH/rest-examples,
/// javascript/docs/starface-api.yaml, v6.7.0.22):
/// <list type="bullet">
/// <item>The login handshake is checked for real: GET /rest/login hands out a nonce, POST /rest/login must carry
/// secret = login + ":" + sha512hex(login + nonce + sha512hex(password)) for a nonce it issued; a wrong secret gets
/// 400 (invalid login). Every other call needs a valid authToken header, else 401.</item>
/// <item>Bodies follow the spec's definitions: a User needs login, firstName, familyName, email and language
/// (default/de/en); a field the definition does not have, a missing required field or a wrong type is refused
/// with the spec's answer for the call (500 with a JSON {code, message} body; the spec fixes the shape, the code
/// and message texts here are the fake's). Read users carry an empty password.</item>
/// <item>Answers as documented: POST /users 201 without body (a refused one 500, or 200 "unexpected error" when
/// <see cref="DuplicateLoginStatus"/> says so); POST/PUT /groups 204 without body; GET/DELETE /groups/{id} of an
/// unknown id 500 (the spec lists no 404; <see cref="UnknownGroupStatus"/> = 404 keeps the older answer as a
/// second case); GET/PUT/DELETE /users/{id} of an unknown id 404; phone number config of an unknown user 500.</item>
/// <item>Every request is recorded with its headers (<see cref="Requests"/>); <see cref="FailWith"/> scripts
/// 401/403/408/429/5xx for data calls.</item>
/// </list>
/// </summary>
internal sealed class FakeStarface : IAsyncDisposable
{
    private static readonly Dictionary<string, JsonValueKind> UserFields = new()
    {
        ["email"] = JsonValueKind.String, ["familyName"] = JsonValueKind.String, ["faxCallerId"] = JsonValueKind.String,
        ["faxCoverPage"] = JsonValueKind.True, ["faxEmailJournal"] = JsonValueKind.True, ["faxHeader"] = JsonValueKind.String,
        ["firstName"] = JsonValueKind.String, ["id"] = JsonValueKind.Number, ["language"] = JsonValueKind.String,
        ["login"] = JsonValueKind.String, ["missedCallReport"] = JsonValueKind.True, ["namespace"] = JsonValueKind.String,
        ["password"] = JsonValueKind.String, ["personId"] = JsonValueKind.String,
    };
    private static readonly string[] RequiredUserFields = ["login", "firstName", "familyName", "email", "language"];
    private static readonly Dictionary<string, JsonValueKind> GroupFields = new()
    {
        ["assignableNumbers"] = JsonValueKind.Array, ["assignableUsers"] = JsonValueKind.Array, ["chatGroup"] = JsonValueKind.True,
        ["groupId"] = JsonValueKind.String, ["id"] = JsonValueKind.Number, ["name"] = JsonValueKind.String, ["voicemail"] = JsonValueKind.True,
    };
    private static readonly Dictionary<string, JsonValueKind> AssignableUserFields = new()
    {
        ["assigned"] = JsonValueKind.True, ["firstname"] = JsonValueKind.String, ["id"] = JsonValueKind.Number, ["lastname"] = JsonValueKind.String,
    };
    private static readonly Dictionary<string, JsonValueKind> AssignmentFields = new()
    {
        ["accountId"] = JsonValueKind.Number, ["phoneNumberId"] = JsonValueKind.Number, ["serviceId"] = JsonValueKind.Number,
    };
    private static readonly Dictionary<string, JsonValueKind> PhoneNumberConfigFields = new()
    {
        ["possibleSignalnumbers"] = JsonValueKind.Array, ["primaryExternalNumberId"] = JsonValueKind.Number,
        ["primaryInternalNumberId"] = JsonValueKind.Number, ["signalingNumberId"] = JsonValueKind.Number,
    };

    public const string Login = "0001";
    public const string Password = "sf-Secret-42";
    public const int StandardServiceId = 3;

    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly Dictionary<int, JsonObject> _users = [];
    private readonly Dictionary<int, JsonObject> _phoneNumbers = [];
    private readonly List<JsonObject> _userUpdates = [];
    private readonly Dictionary<int, int?> _primaryInternal = [];
    private readonly Dictionary<int, (string Name, HashSet<int> Members)> _groups = [];
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly HashSet<string> _reservedLogins = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _groupReadsPaired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan? _groupReadPairing;
    private int _groupReads;
    private int _nextUserId = 100;
    private int _nextGroupId = 500;
    private int _logins;
    private int _rejectedLogins;
    private LoopbackServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;
    public int Logins => _logins;
    public int RejectedLogins => _rejectedLogins;

    /// <summary>"METHOD path" of every authenticated call, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Every request as it arrived (login included), with its headers.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>When set, every data call answers this status (Retry-After: 30 for 429 and 503; JSON error body for 5xx).</summary>
    public int? FailWith { get; set; }

    /// <summary>The answer to GET/DELETE /rest/groups/{id} for an unknown id: 500 as the spec says, or 404.</summary>
    public int UnknownGroupStatus { get; set; } = 500;

    /// <summary>The answer to POST /rest/users with a login already in use: 500, or the spec's 200 "unexpected error".</summary>
    public int DuplicateLoginStatus { get; set; } = 500;

    /// <summary>The answer to GET/DELETE /rest/users/{id} for an unknown id: 404 as the spec says, or 500 "not found".</summary>
    public int UnknownUserStatus { get; set; } = 404;

    private (int Status, bool Saved)? _nextCreateFailure;
    private readonly ConcurrentDictionary<string, int> _failingCalls = new();

    /// <summary>Every call "METHOD path" (as in <see cref="Calls"/>) answers <paramref name="status"/>; other calls answer normally.</summary>
    public void FailCall(string call, int status) => _failingCalls[call] = status;

    private readonly ConcurrentDictionary<string, (int Status, string Body)> _garbledCalls = new();

    /// <summary>
    /// Every call "METHOD path" answers <paramref name="status"/> with <paramref name="body"/> as JSON instead of what
    /// the spec says: what a proxy or another STARFACE version would send. GET and POST /rest/login are calls too.
    /// </summary>
    public void AnswerCallWith(string call, string body, int status = 200) => _garbledCalls[call] = (status, body);

    /// <summary>
    /// The next POST /rest/users answers <paramref name="status"/> (500, or the spec's 200 "unexpected error") with a
    /// JSON error; <paramref name="saved"/> stores the user anyway, as if only the answer went wrong.
    /// </summary>
    public void FailNextCreate(int status, bool saved) => _nextCreateFailure = (status, saved);

    /// <summary>A login held by an account the API user cannot list (GET /rest/users lists only users it can access).</summary>
    public void ReserveLogin(string login)
    {
        lock (_lock)
        {
            _reservedLogins.Add(login);
        }
    }

    /// <summary>
    /// Holds each GET /rest/groups/{id} until a second one is in flight (or <paramref name="window"/> passes), so two
    /// pushes that read the same group without serializing their read-modify-write really overlap.
    /// </summary>
    public void PairGroupReads(TimeSpan window) => _groupReadPairing = window;

    public static async Task<FakeStarface> StartAsync()
    {
        var fake = new FakeStarface();
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>Forgets every issued token, as after a STARFACE restart or token timeout.</summary>
    public void ExpireTokens() => _tokens.Clear();

    public int AddInternalNumber(string number, int? assignedUser = null) => AddPhoneNumber(number, "INTERNAL", assignedUser);

    /// <summary>A phone number of the given type (the spec's PhoneNumber.type, e.g. INTERNAL or EXTERNAL).</summary>
    public int AddPhoneNumber(string number, string type, int? assignedUser = null)
    {
        lock (_lock)
        {
            var id = 9000 + _phoneNumbers.Count;
            _phoneNumbers[id] = new JsonObject
            {
                ["id"] = id,
                ["number"] = number,
                ["type"] = type,
                ["numberBlockId"] = 1,
                ["exitCode"] = "",
                ["nationalPrefix"] = "",
                ["localPrefix"] = "",
                ["assignedUserAccountId"] = assignedUser,
                ["assignedGroupAccountId"] = null,
                ["assignedServiceId"] = assignedUser is null ? null : StandardServiceId,
            };
            return id;
        }
    }

    /// <summary>A group created at STARFACE by someone else (not through the connector).</summary>
    public int AddGroup(string name, params int[] members)
    {
        lock (_lock)
        {
            var id = _nextGroupId++;
            _groups[id] = (name, members.ToHashSet());
            return id;
        }
    }

    /// <summary>Deletes a group at STARFACE, as an administrator in its web UI would.</summary>
    public void RemoveGroup(int id)
    {
        lock (_lock)
        {
            _groups.Remove(id);
        }
    }

    public int AddUser(string login, string firstName, string familyName, string email)
    {
        lock (_lock)
        {
            var id = _nextUserId++;
            _users[id] = new JsonObject
            {
                ["id"] = id,
                ["login"] = login,
                ["firstName"] = firstName,
                ["familyName"] = familyName,
                ["email"] = email,
                ["language"] = "de",
                ["namespace"] = "local",
                ["personId"] = $"person-{id}",
                ["missedCallReport"] = false,
                ["faxHeader"] = "",
                ["password"] = "",
            };
            _primaryInternal[id] = null;
            return id;
        }
    }

    public JsonObject? User(int id)
    {
        lock (_lock)
        {
            return _users.TryGetValue(id, out var u) ? (JsonObject)u.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> Users
    {
        get
        {
            lock (_lock)
            {
                return _users.Values.Select(u => (JsonObject)u.DeepClone()).ToList();
            }
        }
    }

    public int? AssignedUserOf(string internalNumber)
    {
        lock (_lock)
        {
            var n = _phoneNumbers.Values.First(p => p["number"]!.GetValue<string>() == internalNumber);
            return n["assignedUserAccountId"]?.GetValue<int>();
        }
    }

    /// <summary>Makes an assigned number the user's primary internal number, as an administrator would.</summary>
    public void SetPrimaryInternalNumber(int userId, int numberId)
    {
        lock (_lock)
        {
            _primaryInternal[userId] = numberId;
        }
    }

    /// <summary>Every body PUT /rest/users/{id} accepted, as sent.</summary>
    public IReadOnlyList<JsonObject> UserUpdates
    {
        get
        {
            lock (_lock)
            {
                return _userUpdates.Select(u => (JsonObject)u.DeepClone()).ToList();
            }
        }
    }

    public int? PrimaryInternalNumberIdOf(int userId)
    {
        lock (_lock)
        {
            return _primaryInternal.GetValueOrDefault(userId);
        }
    }

    public IReadOnlyList<(int Id, string Name, IReadOnlySet<int> Members)> Groups
    {
        get
        {
            lock (_lock)
            {
                return _groups.Select(g => (g.Key, g.Value.Name, (IReadOnlySet<int>)g.Value.Members.ToHashSet())).ToList();
            }
        }
    }

    /// <summary>A request as the fake received it.</summary>
    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

    public static string ExpectedSecret(string login, string nonce, string password) =>
        login + ":" + Sha512(login + nonce + Sha512(password));

    private static string Sha512(string text) =>
        string.Concat(SHA512.HashData(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            _requests.Enqueue(new RecordedRequest(context.Request.Method, $"{context.Request.Path}{context.Request.QueryString}",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });
        app.MapGet("/rest/login", () =>
        {
            if (_garbledCalls.TryGetValue("GET /rest/login", out var garbled))
            {
                return Results.Text(garbled.Body, "application/json", statusCode: garbled.Status);
            }
            var nonce = Guid.NewGuid().ToString("N");
            _nonces[nonce] = true;
            return Json(new JsonObject { ["loginType"] = "Internal", ["nonce"] = nonce, ["secret"] = null });
        });
        app.MapPost("/rest/login", async (HttpContext context) =>
        {
            if (context.Request.Headers["X-Version"] != "2")
            {
                return Results.Text("X-Version header missing", statusCode: 400);
            }
            var body = await Body(context) as JsonObject;
            if (_garbledCalls.TryGetValue("POST /rest/login", out var garbled))
            {
                return Results.Text(garbled.Body, "application/json", statusCode: garbled.Status);
            }
            var nonce = body?["nonce"]?.GetValue<string>() ?? "";
            var secret = body?["secret"]?.GetValue<string>() ?? "";
            // A nonce is good for one login.
            if (body?["loginType"]?.GetValue<string>() != "Internal" || !_nonces.TryRemove(nonce, out _) || secret != ExpectedSecret(Login, nonce, Password))
            {
                Interlocked.Increment(ref _rejectedLogins);
                return Json(new JsonObject { ["token"] = null }, 400);
            }
            Interlocked.Increment(ref _logins);
            var token = Guid.NewGuid().ToString("N");
            _tokens[token] = true;
            return Json(new JsonObject { ["token"] = token });
        });

        app.MapGet("/rest/users", (HttpContext c) => Authorized(c, () =>
        {
            var term = c.Request.Query["searchTerm"].ToString();
            lock (_lock)
            {
                var matches = _users.Values.Where(u => term.Length == 0
                    || new[] { "login", "firstName", "familyName" }.Any(k => u[k]!.GetValue<string>().Contains(term, StringComparison.OrdinalIgnoreCase)));
                return Json(new JsonArray(matches.Select(u => (JsonNode)u.DeepClone()).ToArray()));
            }
        }));
        app.MapGet("/rest/users/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _users.TryGetValue(id, out var u) ? Json(u.DeepClone()) : UnknownUser(id);
            }
        }));
        app.MapPost("/rest/users", async (HttpContext c) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (UserError(body) is { } invalid)
                    {
                        return invalid;
                    }
                    var user = (JsonObject)body!;
                    var login = user["login"]!.GetValue<string>();
                    if (_reservedLogins.Contains(login) || _users.Values.Any(u => string.Equals(u["login"]!.GetValue<string>(), login, StringComparison.OrdinalIgnoreCase)))
                    {
                        return Error("LOGIN_EXISTS", $"A user with the login '{login}' already exists.", DuplicateLoginStatus);
                    }
                    if (_nextCreateFailure is { } failure)
                    {
                        _nextCreateFailure = null;
                        if (failure.Saved)
                        {
                            Save(user);
                        }
                        return Error("UNEXPECTED", "Unexpected error.", failure.Status);
                    }
                    Save(user);
                    // Like STARFACE: 201 without a body.
                    return Results.StatusCode(201);
                }
            });
        });
        app.MapPut("/rest/users/{id:int}", async (HttpContext c, int id) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (!_users.ContainsKey(id))
                    {
                        return Results.NotFound();
                    }
                    if (UserError(body) is { } invalid)
                    {
                        return invalid;
                    }
                    var user = (JsonObject)body!;
                    _userUpdates.Add((JsonObject)user.DeepClone());
                    user["id"] = id;
                    user["password"] = "";
                    _users[id] = user;
                    return Results.NoContent();
                }
            });
        });
        app.MapDelete("/rest/users/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _users.Remove(id) ? Results.NoContent() : UnknownUser(id);
            }
        }));

        app.MapGet("/rest/phonenumbers", (HttpContext c) => Authorized(c, () =>
        {
            var type = c.Request.Query["type"].ToString();
            lock (_lock)
            {
                return Json(new JsonArray(_phoneNumbers.Values
                    .Where(n => type.Length == 0 || n["type"]!.GetValue<string>() == type)
                    .Select(n => (JsonNode)n.DeepClone()).ToArray()));
            }
        }));
        app.MapGet("/rest/callservices", (HttpContext c) => Authorized(c, () => Json(new JsonArray(
            new JsonObject { ["serviceId"] = 1, ["serviceName"] = "BUSY", ["label"] = "Busy" },
            new JsonObject { ["serviceId"] = StandardServiceId, ["serviceName"] = "STANDARD", ["label"] = "Standard" }))));
        app.MapPost("/rest/users/{id:int}/phonenumberconfig/phonenumbers", async (HttpContext c, int id) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (!_users.ContainsKey(id))
                    {
                        return Results.Text($"User {id} not found", statusCode: 500);
                    }
                    if (body is not JsonArray assignments || assignments.Any(a => a is not JsonObject o || ShapeError(o, AssignmentFields, AssignmentFields.Keys) is not null))
                    {
                        return Results.Text("Request error: expected a list of PhoneNumberAssignment objects", statusCode: 400);
                    }
                    foreach (var assignment in assignments.OfType<JsonObject>())
                    {
                        var numberId = assignment["phoneNumberId"]!.GetValue<int>();
                        if (!_phoneNumbers.TryGetValue(numberId, out var number) || assignment["accountId"]!.GetValue<int>() != id
                            || number["assignedUserAccountId"] is not null || assignment["serviceId"]!.GetValue<int>() != StandardServiceId)
                        {
                            return Results.Text("number already assigned or bad assignment", statusCode: 400);
                        }
                        number["assignedUserAccountId"] = id;
                        number["assignedServiceId"] = StandardServiceId;
                    }
                    return Json(assignments.DeepClone());
                }
            });
        });
        app.MapGet("/rest/users/{id:int}/phonenumberconfig", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                if (!_users.ContainsKey(id))
                {
                    return Error("NOT_FOUND", $"User {id} not found.", 500);
                }
                return Json(new JsonObject
                {
                    ["primaryInternalNumberId"] = _primaryInternal.GetValueOrDefault(id),
                    ["primaryExternalNumberId"] = null,
                    ["signalingNumberId"] = null,
                    ["possibleSignalnumbers"] = new JsonArray(),
                });
            }
        }));
        app.MapPut("/rest/users/{id:int}/phonenumberconfig", async (HttpContext c, int id) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (!_users.ContainsKey(id))
                    {
                        return Error("NOT_FOUND", $"User {id} not found.", 500);
                    }
                    if (body is not JsonObject config)
                    {
                        return Error("INVALID", "Expected a PhoneNumberConfig object.", 500);
                    }
                    if (ShapeError(config, PhoneNumberConfigFields, ["possibleSignalnumbers", "primaryExternalNumberId"], nullable: true) is { } shape)
                    {
                        return Error("INVALID", shape, 500);
                    }
                    var primary = config["primaryInternalNumberId"]?.GetValue<int>();
                    if (primary is { } p && (!_phoneNumbers.TryGetValue(p, out var number) || number["assignedUserAccountId"]?.GetValue<int>() != id))
                    {
                        return Error("INVALID", "primary number is not assigned to the user", 500);
                    }
                    _primaryInternal[id] = primary;
                    return Json(config.DeepClone());
                }
            });
        });

        app.MapGet("/rest/groups", (HttpContext c) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return Json(new JsonArray(_groups.Select(g => (JsonNode)new JsonObject
                {
                    ["id"] = g.Key,
                    ["groupname"] = g.Value.Name,
                    ["groupinternalnumber"] = "",
                    ["groupexternalnumber"] = "",
                }).ToArray()));
            }
        }));
        app.MapGet("/rest/groups/{id:int}", async (HttpContext c, int id) =>
        {
            await PairAsync();
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    return _groups.TryGetValue(id, out var g) ? Json(FullGroup(id, g.Name, g.Members)) : UnknownGroup(id);
                }
            });
        });
        app.MapPost("/rest/groups", async (HttpContext c) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (GroupError(body, needsId: false) is { } invalid)
                    {
                        return invalid;
                    }
                    _groups[_nextGroupId++] = (body!["name"]!.GetValue<string>(), AssignedIn((JsonObject)body));
                    // Like STARFACE: 204 without a body; the caller finds the new id in the list.
                    return Results.NoContent();
                }
            });
        });
        app.MapPut("/rest/groups", async (HttpContext c) =>
        {
            var body = await Body(c);
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (GroupError(body, needsId: true) is { } invalid)
                    {
                        return invalid;
                    }
                    var id = body!["id"]!.GetValue<int>();
                    if (!_groups.ContainsKey(id))
                    {
                        return Error("NOT_FOUND", $"Group {id} not found.", 500);
                    }
                    _groups[id] = (body["name"]!.GetValue<string>(), AssignedIn((JsonObject)body));
                    return Results.NoContent();
                }
            });
        });
        app.MapDelete("/rest/groups/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _groups.Remove(id) ? Results.NoContent() : UnknownGroup(id);
            }
        }));
    }

    private void Save(JsonObject user)
    {
        var id = _nextUserId++;
        user["id"] = id;
        user["password"] = "";
        _users[id] = user;
        _primaryInternal[id] = null;
    }

    private IResult UnknownUser(int id) =>
        UnknownUserStatus == 404 ? Results.NotFound() : Error("NOT_FOUND", $"User with id {id} not found.", UnknownUserStatus);

    private IResult UnknownGroup(int id) =>
        UnknownGroupStatus == 404 ? Results.NotFound() : Error("NOT_FOUND", $"Group with id {id} not found.", UnknownGroupStatus);

    private async Task PairAsync()
    {
        if (_groupReadPairing is not { } window)
        {
            return;
        }
        if (Interlocked.Increment(ref _groupReads) >= 2)
        {
            _groupReadsPaired.TrySetResult();
        }
        await Task.WhenAny(_groupReadsPaired.Task, Task.Delay(window));
    }

    /// <summary>The spec's refusal of a User body, or null when it is one STARFACE takes.</summary>
    private static IResult? UserError(JsonNode? body)
    {
        if (body is not JsonObject user)
        {
            return Error("INVALID", "Expected a User object.", 500);
        }
        if (ShapeError(user, UserFields, RequiredUserFields) is { } shape)
        {
            return Error("INVALID", shape, 500);
        }
        var language = user["language"]!.GetValue<string>();
        return language is "default" or "de" or "en" ? null : Error("INVALID", $"Unknown language '{language}'.", 500);
    }

    private static IResult? GroupError(JsonNode? body, bool needsId)
    {
        if (body is not JsonObject group)
        {
            return Error("INVALID", "Expected a Group object.", 500);
        }
        var shape = ShapeError(group, GroupFields, needsId ? ["id", "name"] : ["name"])
            ?? (group["assignableUsers"] as JsonArray ?? []).Select(u => u is JsonObject o ? ShapeError(o, AssignableUserFields, ["id"]) : "assignableUsers holds a non-object.").FirstOrDefault(e => e is not null);
        return shape is null ? null : Error("INVALID", shape, 500);
    }

    /// <summary>What is wrong with <paramref name="body"/> against a definition: unknown field, missing/empty required field, wrong type.</summary>
    private static string? ShapeError(JsonObject body, Dictionary<string, JsonValueKind> fields, IEnumerable<string> required, bool nullable = false)
    {
        foreach (var (key, value) in body)
        {
            if (!fields.TryGetValue(key, out var kind))
            {
                return $"Unrecognized field \"{key}\".";
            }
            var actual = value?.GetValueKind() ?? JsonValueKind.Null;
            var fits = actual == kind || (kind == JsonValueKind.True && actual == JsonValueKind.False) || (actual == JsonValueKind.Null && (nullable || kind != JsonValueKind.String));
            if (!fits)
            {
                return $"Field \"{key}\" must be {kind.ToString().ToLowerInvariant()}, not {actual.ToString().ToLowerInvariant()}.";
            }
        }
        foreach (var key in required)
        {
            if (!body.ContainsKey(key) || (!nullable && (body[key] is null || body[key]!.GetValueKind() == JsonValueKind.String && body[key]!.GetValue<string>().Length == 0)))
            {
                return $"Required field \"{key}\" is missing or empty.";
            }
        }
        return null;
    }

    private static IResult Error(string code, string message, int status) =>
        Json(new JsonObject { ["code"] = code, ["message"] = message }, status);

    private JsonObject FullGroup(int id, string name, HashSet<int> members) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["groupId"] = $"group{id}",
        ["chatGroup"] = false,
        ["voicemail"] = false,
        ["assignableNumbers"] = new JsonArray(),
        // Like STARFACE: every user is listed, with its assigned flag.
        ["assignableUsers"] = new JsonArray(_users.Values.Select(u => (JsonNode)new JsonObject
        {
            ["id"] = u["id"]!.GetValue<int>(),
            ["firstname"] = u["firstName"]!.GetValue<string>(),
            ["lastname"] = u["familyName"]!.GetValue<string>(),
            ["assigned"] = members.Contains(u["id"]!.GetValue<int>()),
        }).ToArray()),
    };

    private static HashSet<int> AssignedIn(JsonObject group) =>
        (group["assignableUsers"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(u => u["assigned"]?.GetValue<bool>() == true)
            .Select(u => u["id"]!.GetValue<int>())
            .ToHashSet();

    private IResult Authorized(HttpContext context, Func<IResult> handle)
    {
        if (context.Request.Headers["X-Version"] != "2")
        {
            return Results.Text("X-Version header missing", statusCode: 400);
        }
        if (!_tokens.ContainsKey(context.Request.Headers["authToken"].ToString()))
        {
            return Results.StatusCode(401);
        }
        var call = $"{context.Request.Method} {context.Request.Path}";
        _calls.Enqueue(call);
        if (_garbledCalls.TryGetValue(call, out var garbled))
        {
            return Results.Text(garbled.Body, "application/json", statusCode: garbled.Status);
        }
        if ((_failingCalls.TryGetValue(call, out var failing) ? failing : FailWith) is { } status)
        {
            if (status is 429 or 503)
            {
                context.Response.Headers.RetryAfter = "30";
            }
            return status >= 500 ? Error("UNAVAILABLE", "Service temporarily unavailable.", status) : Results.StatusCode(status);
        }
        return handle();
    }

    private static async Task<JsonNode?> Body(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
