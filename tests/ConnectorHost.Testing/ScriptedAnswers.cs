using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ConnectorHost.Testing;

/// <summary>
/// Failures a fake vendor answers instead of handling a request (429 with Retry-After, 5xx, garbage), each for the
/// next <c>times</c> requests a predicate matches. The fake decides the error body's shape.
/// </summary>
public sealed class ScriptedAnswers
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>
    /// Answers the next <paramref name="times"/> matching requests with <paramref name="status"/> and, when given,
    /// <c>Retry-After</c>, a raw body, or a <paramref name="message"/> for the fake's own error shape.
    /// </summary>
    public void Add(int status, Func<VendorCall, bool>? when = null, string? retryAfter = null, string? rawBody = null, string rawContentType = "application/json",
        int times = 1, string? message = null) =>
        _entries.Enqueue(new Entry(when ?? (_ => true), status, retryAfter, rawBody, rawContentType, message) { Remaining = times });

    /// <summary>As the other overload, for a fake whose error body depends on the status only (scripted messages are dropped).</summary>
    public Task<bool> TryAnswerAsync(HttpContext context, VendorCall call, Func<int, string> errorBody) =>
        TryAnswerAsync(context, call, (status, _) => errorBody(status));

    /// <summary>
    /// Writes the scripted answer due for <paramref name="call"/>, if any: status, Retry-After, and the raw body or the
    /// body <paramref name="errorBody"/> builds for the status and the scripted message (null when none was given).
    /// False when no answer is due.
    /// </summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, VendorCall call, Func<int, string?, string> errorBody)
    {
        var entry = _entries.FirstOrDefault(e => e.TryUse(call));
        if (entry is null)
        {
            return false;
        }
        context.Response.StatusCode = entry.Status;
        if (entry.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        context.Response.ContentType = entry.RawBody is null ? "application/json" : entry.RawContentType;
        await context.Response.WriteAsync(entry.RawBody ?? errorBody(entry.Status, entry.Message));
        return true;
    }

    private sealed record Entry(Func<VendorCall, bool> When, int Status, string? RetryAfter, string? RawBody, string RawContentType, string? Message)
    {
        public int Remaining { get; set; }

        public bool TryUse(VendorCall call)
        {
            lock (this)
            {
                if (Remaining <= 0 || !When(call))
                {
                    return false;
                }
                Remaining--;
                return true;
            }
        }
    }

    /// <summary>Reads a request into a <see cref="VendorCall"/>, leaving the body readable for the route.</summary>
    public static async Task<VendorCall> RecordAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new VendorCall(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
    }
}
