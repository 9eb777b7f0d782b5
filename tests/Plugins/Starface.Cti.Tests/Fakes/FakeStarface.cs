using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Starface.Cti.Tests.Fakes;

/// <summary>
/// A fake STARFACE REST API (X-Version 2). The login handshake is checked for real: GET /rest/login hands out a
/// nonce, POST /rest/login must carry secret = login + ":" + sha512hex(login + nonce + sha512hex(password)) for a
/// nonce it issued; a wrong secret gets 400 (invalid login, as the STARFACE API documents). Every other call
/// needs a valid authToken header, else 401.
/// </summary>
internal sealed class FakeStarface : IAsyncDisposable
{
    public const string Login = "0001";
    public const string Password = "sf-Secret-42";
    public const int StandardServiceId = 3;

    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly Dictionary<int, JsonObject> _users = [];
    private readonly Dictionary<int, JsonObject> _phoneNumbers = [];
    private readonly Dictionary<int, int?> _primaryInternal = [];
    private readonly Dictionary<int, (string Name, HashSet<int> Members)> _groups = [];
    private readonly ConcurrentQueue<string> _calls = new();
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

    /// <summary>When set, every data call answers this status (with Retry-After: 30 for 503).</summary>
    public int? FailWith { get; set; }

    public static async Task<FakeStarface> StartAsync()
    {
        var fake = new FakeStarface();
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>Forgets every issued token, as after a STARFACE restart or token timeout.</summary>
    public void ExpireTokens() => _tokens.Clear();

    public int AddInternalNumber(string number, int? assignedUser = null)
    {
        lock (_lock)
        {
            var id = 9000 + _phoneNumbers.Count;
            _phoneNumbers[id] = new JsonObject
            {
                ["id"] = id,
                ["number"] = number,
                ["type"] = "INTERNAL",
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

    public static string ExpectedSecret(string login, string nonce, string password) =>
        login + ":" + Sha512(login + nonce + Sha512(password));

    private static string Sha512(string text) =>
        string.Concat(SHA512.HashData(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));

    private void Map(WebApplication app)
    {
        app.MapGet("/rest/login", () =>
        {
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
                return _users.TryGetValue(id, out var u) ? Json(u.DeepClone()) : Results.NotFound();
            }
        }));
        app.MapPost("/rest/users", async (HttpContext c) =>
        {
            var body = await Body(c) as JsonObject;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    var login = body?["login"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(login) || _users.Values.Any(u => u["login"]!.GetValue<string>() == login))
                    {
                        return Results.Text("login missing or already used", statusCode: 400);
                    }
                    var id = _nextUserId++;
                    body!["id"] = id;
                    body["password"] = "";
                    _users[id] = body;
                    _primaryInternal[id] = null;
                    // Like STARFACE: 201 without a body.
                    return Results.StatusCode(201);
                }
            });
        });
        app.MapPut("/rest/users/{id:int}", async (HttpContext c, int id) =>
        {
            var body = await Body(c) as JsonObject;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    if (!_users.ContainsKey(id))
                    {
                        return Results.NotFound();
                    }
                    body!["id"] = id;
                    body["password"] = "";
                    _users[id] = body;
                    return Results.NoContent();
                }
            });
        });
        app.MapDelete("/rest/users/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _users.Remove(id) ? Results.NoContent() : Results.NotFound();
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
            var body = await Body(c) as JsonArray;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    foreach (var assignment in body!.OfType<JsonObject>())
                    {
                        var numberId = assignment["phoneNumberId"]!.GetValue<int>();
                        var number = _phoneNumbers[numberId];
                        if (assignment["accountId"]!.GetValue<int>() != id || number["assignedUserAccountId"] is not null
                            || assignment["serviceId"]!.GetValue<int>() != StandardServiceId)
                        {
                            return Results.Text("number already assigned or bad assignment", statusCode: 400);
                        }
                        number["assignedUserAccountId"] = id;
                        number["assignedServiceId"] = StandardServiceId;
                    }
                    return Json(body!.DeepClone());
                }
            });
        });
        app.MapGet("/rest/users/{id:int}/phonenumberconfig", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
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
            var body = await Body(c) as JsonObject;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    var primary = body?["primaryInternalNumberId"]?.GetValue<int>();
                    if (primary is { } p && _phoneNumbers[p]["assignedUserAccountId"]?.GetValue<int>() != id)
                    {
                        return Results.Text("primary number is not assigned to the user", statusCode: 400);
                    }
                    _primaryInternal[id] = primary;
                    return Json(body!.DeepClone());
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
        app.MapGet("/rest/groups/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _groups.TryGetValue(id, out var g) ? Json(FullGroup(id, g.Name, g.Members)) : Results.NotFound();
            }
        }));
        app.MapPost("/rest/groups", async (HttpContext c) =>
        {
            var body = await Body(c) as JsonObject;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    _groups[_nextGroupId++] = (body!["name"]!.GetValue<string>(), AssignedIn(body));
                    return Results.NoContent();
                }
            });
        });
        app.MapPut("/rest/groups", async (HttpContext c) =>
        {
            var body = await Body(c) as JsonObject;
            return Authorized(c, () =>
            {
                lock (_lock)
                {
                    var id = body!["id"]!.GetValue<int>();
                    if (!_groups.ContainsKey(id))
                    {
                        return Results.NotFound();
                    }
                    _groups[id] = (body["name"]!.GetValue<string>(), AssignedIn(body));
                    return Results.NoContent();
                }
            });
        });
        app.MapDelete("/rest/groups/{id:int}", (HttpContext c, int id) => Authorized(c, () =>
        {
            lock (_lock)
            {
                return _groups.Remove(id) ? Results.NoContent() : Results.NotFound();
            }
        }));
    }

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
        _calls.Enqueue($"{context.Request.Method} {context.Request.Path}");
        if (FailWith is { } status)
        {
            if (status == 503)
            {
                context.Response.Headers.RetryAfter = "30";
            }
            return Results.StatusCode(status);
        }
        return handle();
    }

    private static async Task<JsonNode?> Body(HttpContext context) => await JsonNode.ParseAsync(context.Request.Body);

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
