using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnectorHost.Conformance;

/// <summary>
/// A loopback HTTP proxy in front of a fake vendor: forwards every request unchanged, or, while a fault is set,
/// answers it with that fault instead (401, 429 with Retry-After, 5xx, a garbage body, no answer at all). The kit
/// injects failures here so it works with any connector's fake vendor without knowing how that fake is scripted.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection",
    };

    private readonly Uri _target;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackServer? _server;

    private FaultProxy(Uri target) => _target = new Uri(target.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The proxy's address: the connector is pointed here.</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>While set, answers every request instead of the vendor.</summary>
    public Func<HttpContext, CancellationToken, Task>? Fault { get; set; }

    /// <summary>How many requests arrived while a fault was set.</summary>
    public int FaultedRequests;

    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var proxy = new FaultProxy(target);
        proxy._server = await LoopbackServer.StartAsync(app => app.Run(proxy.HandleAsync));
        return proxy;
    }

    /// <summary>Answers every request with <paramref name="status"/>, the optional Retry-After and a body echoing <paramref name="echo"/>.</summary>
    public static Func<HttpContext, CancellationToken, Task> Status(int status, string echo, string? retryAfter = null) => async (context, _) =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        context.Response.ContentType = "application/json";
        // The body echoes the secrets, as some vendors echo a refused key: a connector must not pass the body on.
        var text = System.Text.Json.JsonSerializer.Serialize($"refused ({echo})");
        await context.Response.WriteAsync($$"""{"error":{"code":"conformance","message":{{text}}},"message":{{text}},"detail":{{text}}}""");
    };

    /// <summary>Answers 200 with an HTML page declared as JSON (a proxy's error page).</summary>
    public static Func<HttpContext, CancellationToken, Task> Garbage(string echo) => async (context, _) =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"<html><body>502 Bad Gateway {echo}</body></html>");
    };

    /// <summary>Never answers (until the client gives up or the proxy stops).</summary>
    public static Func<HttpContext, CancellationToken, Task> NoAnswer { get; } = async (context, stopping) =>
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    };

    private async Task HandleAsync(HttpContext context)
    {
        if (Fault is { } fault)
        {
            Interlocked.Increment(ref FaultedRequests);
            await fault(context, _stopping.Token);
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path.Value + context.Request.QueryString.Value));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _http.Dispose();
        _stopping.Dispose();
    }
}
