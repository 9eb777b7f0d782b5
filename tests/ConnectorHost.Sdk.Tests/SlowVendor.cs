using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Sdk.Tests;

/// <summary>A vendor on 127.0.0.1 that answers every call only after a delay (or when the caller gives up).</summary>
internal sealed class SlowVendor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SlowVendor(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SlowVendor> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async http =>
        {
            await Task.Delay(delay, http.RequestAborted).ContinueWith(_ => { });
            await http.Response.WriteAsync("{}");
        });
        await app.StartAsync();
        return new SlowVendor(app, new Uri(app.Urls.First() + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
