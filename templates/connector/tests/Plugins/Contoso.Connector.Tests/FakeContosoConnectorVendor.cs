using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Contoso.Connector.Tests;

/// <summary>
/// The vendor's user API on 127.0.0.1, as strict as its documentation: Bearer API key (else 401), extensions under
/// /api/extensions (list paged by page/pageSize with hasMore, filter by extension, create, read, update, delete; 404
/// for an unknown id), error body {"error":{"message"}}. Every request is recorded (<see cref="Calls"/>); failures
/// are scripted with <see cref="Script"/> (429 with Retry-After, 5xx, garbage bodies).
/// </summary>
internal sealed class FakeContosoConnectorVendor : IAsyncDisposable
{
    public const string ApiKey = "contoso-test-key-5b1d";

    private readonly ConcurrentDictionary<string, JsonObject> _records = new();
    private LoopbackServer _server = null!;
    private int _nextId;

    public Uri BaseAddress => _server.BaseAddress;

    public ConcurrentQueue<VendorCall> Calls { get; } = new();

    public ScriptedAnswers Script { get; } = new();

    public IReadOnlyList<JsonObject> Records => [.. _records.Values.Select(r => (JsonObject)r.DeepClone())];

    public static async Task<FakeContosoConnectorVendor> StartAsync()
    {
        var vendor = new FakeContosoConnectorVendor();
        vendor._server = await LoopbackServer.StartAsync(vendor.Map);
        return vendor;
    }

    private static string Error(string message) => new JsonObject { ["error"] = new JsonObject { ["message"] = message } }.ToJsonString();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var call = await ScriptedAnswers.RecordAsync(context);
            Calls.Enqueue(call);
            if (call.Header("Authorization") != $"Bearer {ApiKey}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync(Error("Invalid API key."));
                return;
            }
            if (await Script.TryAnswerAsync(context, call, (status, message) => Error(message ?? $"Scripted {status}.")))
            {
                return;
            }
            await next(context);
        });
        app.MapGet("/api/extensions", (string? extension, int? page, int? pageSize) =>
        {
            var all = _records.Values.OrderBy(r => int.Parse(r["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            if (extension is not null)
            {
                return Results.Json(new JsonObject { ["items"] = new JsonArray([.. all.Where(r => r["extension"]!.GetValue<string>() == extension).Select(r => (JsonNode)r.DeepClone())]) });
            }
            var (number, size) = (page ?? 1, pageSize ?? 50);
            if (number < 1 || size is < 1 or > 200)
            {
                return Results.Content(Error("page must be 1 or more and pageSize 1 to 200."), "application/json", statusCode: 400);
            }
            var items = all.Skip((number - 1) * size).Take(size).Select(r => (JsonNode)r.DeepClone());
            return Results.Json(new JsonObject { ["items"] = new JsonArray([.. items]), ["hasMore"] = number * size < all.Count });
        });
        app.MapGet("/api/extensions/{id}", (string id) =>
            _records.TryGetValue(id, out var record) ? Results.Json(record) : Results.Content(Error("No such extension."), "application/json", statusCode: 404));
        app.MapPost("/api/extensions", (JsonObject body) =>
        {
            if (Invalid(body) is { } problem)
            {
                return Results.Content(Error(problem), "application/json", statusCode: 400);
            }
            var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            body["id"] = id;
            _records[id] = body;
            return Results.Json(body, statusCode: 201);
        });
        app.MapPut("/api/extensions/{id}", (string id, JsonObject body) =>
        {
            if (!_records.ContainsKey(id))
            {
                return Results.Content(Error("No such extension."), "application/json", statusCode: 404);
            }
            if (Invalid(body) is { } problem)
            {
                return Results.Content(Error(problem), "application/json", statusCode: 400);
            }
            body["id"] = id;
            _records[id] = body;
            return Results.Json(body);
        });
        app.MapDelete("/api/extensions/{id}", (string id) =>
            _records.TryRemove(id, out _) ? Results.NoContent() : Results.Content(Error("No such extension."), "application/json", statusCode: 404));
    }

    // The documented fields only: an unknown one is refused, as the vendor does.
    private static string? Invalid(JsonObject body) =>
        body.Select(p => p.Key).FirstOrDefault(k => k is not ("extension" or "displayName" or "email")) is { } unknown ? $"Unknown field '{unknown}'."
        : body["extension"]?.GetValue<string>() is not { Length: > 0 } ? "extension is required."
        : null;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
