using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConnectorHost.Benchmarks;

/// <summary>A program started as a child process on a free loopback port, ready once /health answers 200.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress, TimeSpan timeToFirst200)
    {
        _process = process;
        BaseAddress = baseAddress;
        TimeToFirst200 = timeToFirst200;
    }

    /// <summary>The administrator key the host is started with (CONNECTORHOST_BOOTSTRAP_API_KEY); API calls send it as a bearer token.</summary>
    public const string ApiKey = "bench-bootstrap-key-5e2d7c41";

    public Uri BaseAddress { get; }

    /// <summary>A client of this server that authenticates with <see cref="ApiKey"/>.</summary>
    public HttpClient AuthorizedClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>CPU time the server has used so far (user and kernel, all threads); load on other processes does not inflate it.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Process start to the first HTTP 200 on /health.</summary>
    public TimeSpan TimeToFirst200 { get; }

    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> args)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["CONNECTORHOST_BOOTSTRAP_API_KEY"] = ApiKey;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await client.GetAsync(new Uri(baseAddress, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, baseAddress, watch.Elapsed);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or not answering yet.
            }
            await Task.Delay(5);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        throw new TimeoutException($"{Path.GetFileName(dll)} did not answer /health within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
