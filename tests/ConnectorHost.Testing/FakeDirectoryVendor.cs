using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnectorHost.Testing;

/// <summary>
/// The sample connector's vendor on 127.0.0.1: a user directory (GET/POST/PUT/DELETE /users, X-Api-Key) that,
/// like many real vendors, does not itself refuse a second user with the same login, so duplicates would show.
/// Failures are scripted per test: status codes with Retry-After, slow answers, garbage bodies.
/// </summary>
public sealed class FakeDirectoryVendor : IAsyncDisposable
{
    public const string ApiKey = "vendor-key-123";

    private readonly ConcurrentDictionary<string, JsonObject> _users = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _script = new();
    private readonly List<string> _writes = [];
    private LoopbackServer? _server;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _apiKeyCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _issuedApiKeys = new();
    private TaskCompletionSource _apiKeyGate = CompletedGate();
    private int? _holdAfterCreates;
    private int _nextId;
    private int _calls;
    private int _creates;

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Calls that reached the vendor (including refused ones).</summary>
    public int Calls => _calls;

    public int Creates => _creates;

    /// <summary>Delay added to every call, to keep deliveries in flight (crash test).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>While true, every call answers 503: the vendor is down.</summary>
    public bool Down { get; set; }

    /// <summary>Writes that reached the vendor's data, in arrival order: "create login", "update login", "delete id".</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>
    /// Once this many users were created, every further create is accepted (the user exists at the vendor) but its
    /// answer waits until <see cref="ReleaseHold"/>: a host killed then has pushes the vendor accepted and it never
    /// recorded, the case its natural-key adoption must handle.
    /// </summary>
    public void HoldAfterCreates(int creates) => _holdAfterCreates = creates;

    public void ReleaseHold()
    {
        _holdAfterCreates = null;
        _gate.TrySetResult();
    }

    /// <summary>
    /// Makes POST /users/{id}/api-key wait until <see cref="ReleaseApiKeys"/> (it answers at once by default), so a
    /// test can see what else the host does while an action waits for the vendor.
    /// </summary>
    public void HoldApiKeys() => _apiKeyGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseApiKeys() => _apiKeyGate.TrySetResult();

    /// <summary>Completes when a new API key was first asked for.</summary>
    public Task ApiKeyRequested => _apiKeyCalled.Task;

    /// <summary>The API keys the vendor issued, in order.</summary>
    public IReadOnlyList<string> IssuedApiKeys => [.. _issuedApiKeys];

    public IReadOnlyList<JsonObject> Users => [.. _users.Values.Select(u => (JsonObject)u.DeepClone())];

    public static async Task<FakeDirectoryVendor> StartAsync()
    {
        var vendor = new FakeDirectoryVendor();
        vendor._server = await LoopbackServer.StartAsync(vendor.Map);
        return vendor;
    }

    public JsonObject Seed(string login, string displayName, string? badge = null)
    {
        var id = NewId();
        var user = new JsonObject { ["id"] = id, ["login"] = login, ["displayName"] = displayName, ["badge"] = badge, ["active"] = true };
        _users[id] = user;
        return user;
    }

    /// <summary>The next <paramref name="times"/> calls answer <paramref name="status"/> (with Retry-After when given).</summary>
    public void FailNext(int times, int status, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(async http =>
            {
                if (retryAfterSeconds is { } s)
                {
                    http.Response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
                }
                http.Response.StatusCode = status;
                await http.Response.WriteAsync("{\"error\":\"scripted\"}");
                return true;
            });
        }
    }

    public void GarbageNext(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(async http =>
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("<html>502 proxy error</html>");
                return true;
            });
        }
    }

    public void SlowNext(int times, TimeSpan delay)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(async http =>
            {
                await Task.Delay(delay, http.RequestAborted).ContinueWith(_ => { });
                return false;
            });
        }
    }

    private void Record(string write)
    {
        lock (_writes)
        {
            _writes.Add(write);
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private string NewId() => "u" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            Interlocked.Increment(ref _calls);
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }
            if (http.Request.Headers["X-Api-Key"] != ApiKey)
            {
                http.Response.StatusCode = 401;
                return;
            }
            if (Down)
            {
                http.Response.StatusCode = 503;
                return;
            }
            if (_script.TryDequeue(out var step) && await step(http))
            {
                return;
            }
            await next(http);
        });
        app.MapGet("/users", (string? login, int? offset, int? limit) =>
        {
            var all = _users.Values.OrderBy(u => int.Parse(u["id"]!.GetValue<string>()[1..], CultureInfo.InvariantCulture)).ToList();
            if (login is not null)
            {
                return Results.Json(new JsonObject { ["items"] = new JsonArray(all.Where(u => u["login"]!.GetValue<string>() == login).Select(u => (JsonNode?)u.DeepClone()).ToArray()) });
            }
            var start = offset ?? 0;
            var size = limit ?? 100;
            var page = all.Skip(start).Take(size).Select(u => (JsonNode?)u.DeepClone()).ToArray();
            return Results.Json(new JsonObject
            {
                ["items"] = new JsonArray(page),
                ["next"] = start + size < all.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null,
            });
        });
        app.MapPost("/users", async (JsonObject body, HttpContext http) =>
        {
            var id = NewId();
            body["id"] = id;
            _users[id] = body;
            var created = Interlocked.Increment(ref _creates);
            Record($"create {body["login"]}");
            if (_holdAfterCreates is { } hold && created > hold)
            {
                try
                {
                    await _gate.Task.WaitAsync(http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty;
                }
            }
            return Results.Json(new JsonObject { ["id"] = id }, statusCode: 201);
        });
        app.MapPut("/users/{id}", (string id, JsonObject body) =>
        {
            if (!_users.ContainsKey(id))
            {
                return Results.NotFound();
            }
            body["id"] = id;
            _users[id] = body;
            Record($"update {body["login"]}");
            return Results.Ok(new JsonObject { ["id"] = id });
        });
        app.MapPost("/users/{id}/api-key", async (string id, HttpContext http) =>
        {
            if (!_users.ContainsKey(id))
            {
                return Results.NotFound();
            }
            Record($"api-key {id}");
            _apiKeyCalled.TrySetResult();
            try
            {
                await _apiKeyGate.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
            var key = $"ak-{Guid.NewGuid():N}";
            _issuedApiKeys.Enqueue(key);
            return Results.Json(new JsonObject { ["apiKey"] = key });
        });
        app.MapDelete("/users/{id}", (string id) =>
        {
            if (!_users.TryRemove(id, out _))
            {
                return Results.NotFound();
            }
            Record($"delete {id}");
            return Results.NoContent();
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
