using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ConnectorHost.Host.Tests.Sync;

namespace ConnectorHost.Host.Tests.Cli;

/// <summary>What one run of the CLI printed and how it ended.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>
    /// Both streams with every run of whitespace made one space: messages may go to either stream, and the
    /// console wraps redirected output at 80 columns.
    /// </summary>
    public string Flattened => Regex.Replace(Output + "\n" + Error, @"\s+", " ");

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the built host (<c>dotnet connectorhost.dll ...</c>) as its own process, the way an admin runs it, or as a server
/// for tests that kill it (SIGKILL) and start it again on the same database.
/// </summary>
internal static class HostProcess
{
    /// <summary>A loopback port free right now, for the child's <c>--urls</c>.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process (output drained, so a full pipe never blocks it) and waits until it answers /health.</summary>
    public static async Task<Process> StartServingAsync(ProcessStartInfo start, HttpClient client)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await SyncTestBed.EventuallyAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} before serving.");
            }
            try
            {
                return (await client.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "host answering /health", 60);
        return process;
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<CliRun> RunAsync(string workingDirectory, params string[] args)
    {
        File.Exists(RepoPaths.HostDll).ShouldBeTrue($"{RepoPaths.HostDll} is missing; the test project references the host, so building it puts the host there.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(RepoPaths.HostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"connectorhost {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s.\n{await output}\n{await error}");
        }
        return new CliRun(process.ExitCode, await output, await error);
    }
}
