using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.ApiClient;

/// <summary>
/// Runs Kiota (the repository's dotnet tool, .config/dotnet-tools.json) on a live OpenAPI document. The
/// document's servers are dropped first: Kiota would bake the test host's random port into the client.
/// </summary>
internal static class KiotaGenerator
{
    public const string Namespace = "ConnectorHost.Host.Tests.ApiClient.Generated";
    public const string ClientClass = "ConnectorHostClient";

    public static string CheckedInFolder => Path.Combine(RepoPaths.Root, "tests", "ConnectorHost.Host.Tests", "ApiClient", "Generated");

    public static async Task<string> GenerateAsync(JsonObject document, string workDirectory)
    {
        document.Remove("servers");
        var description = Path.Combine(workDirectory, "openapi.json");
        await File.WriteAllTextAsync(description, document.ToJsonString());
        var output = Path.Combine(workDirectory, "Generated");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "kiota", "generate", "--language", "CSharp", "--openapi", description, "--output", output,
            "--class-name", ClientClass, "--namespace-name", Namespace, "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning" })
        {
            start.ArgumentList.Add(arg);
        }
        // No update check against the internet; no first-run hints.
        start.Environment["KIOTA_UPDATE_DISABLED"] = "true";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"dotnet kiota failed (run `dotnet tool restore` first):\n{await stdout}\n{await stderr}");
        // The lock file records this run's temporary path; it is not part of the client.
        File.Delete(Path.Combine(output, "kiota-lock.json"));
        return output;
    }

    /// <summary>Relative path → content of every generated file under <paramref name="folder"/>.</summary>
    public static Dictionary<string, string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => Content(f))
        : [];

    // Kiota sometimes logs that it could not check for updates (no network here) even with the check disabled, and its
    // warnings come from parallel work in no fixed order: the log is compared as a sorted set of its other lines, so
    // every warning about the document still counts.
    private static string Content(string file)
    {
        var text = File.ReadAllText(file).ReplaceLineEndings("\n");
        return Path.GetFileName(file) == ".kiota.log"
            ? string.Join("\n", text.Split('\n').Where(line => line.Length > 0 && !line.Contains("check for updates", StringComparison.OrdinalIgnoreCase)).Distinct().Order(StringComparer.Ordinal))
            : text;
    }
}
