namespace ConnectorHost.Template.Tests;

/// <summary>A copy of the repository's sources (no build output, no .git) in a temporary folder, deleted on dispose.</summary>
internal sealed class RepositoryCopy : IDisposable
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "artifacts", "bin", "obj", "data", "TestResults", ".vs", "node_modules" };

    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    /// <summary>The repository this test runs from: the folder above the test assembly that holds ConnectorHost.sln.</summary>
    public static string Source { get; } = FindSource();

    public static RepositoryCopy Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "connectorhost-template", Guid.NewGuid().ToString("N"));
        Copy(new DirectoryInfo(Source), root);
        return new RepositoryCopy(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.EnumerateFiles())
        {
            try
            {
                file.CopyTo(Path.Combine(to, file.Name));
            }
            catch (FileNotFoundException)
            {
                // A temporary file another test run removed meanwhile: not part of the sources.
            }
        }
        foreach (var directory in from.EnumerateDirectories().Where(d => !Skipped.Contains(d.Name)))
        {
            Copy(directory, Path.Combine(to, directory.Name));
        }
    }

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectorHost.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ConnectorHost.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temp garbage at worst; never fail a test on cleanup.
        }
    }
}
