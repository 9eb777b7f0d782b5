using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

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

/// <summary>Runs the built host (<c>dotnet connectorhost.dll ...</c>) as its own process, the way an admin runs it.</summary>
internal static class HostProcess
{
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
