using System.Collections.Concurrent;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Starface.Cti.Testing;

/// <summary>
/// Another web server on loopback that records every request it gets (path and Authorization header): a
/// vendor's next link pointing here must never be followed with the vendor's bearer token.
/// </summary>
internal sealed class ForeignHost : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _requests = new();
    private LoopbackServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;

    public IReadOnlyCollection<(string Path, string? Authorization)> Requests => _requests;

    public static async Task<ForeignHost> StartAsync()
    {
        var host = new ForeignHost();
        host._server = await LoopbackServer.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
        {
            host._requests.Enqueue((context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault()));
            return Results.Text("{\"value\":[]}", "application/json");
        }));
        return host;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
