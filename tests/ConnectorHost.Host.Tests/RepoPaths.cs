namespace ConnectorHost.Host.Tests;

/// <summary>Locates the repository so tests load the real plugin folders the build produced.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Plugin(string project) => Path.Combine(Root, "artifacts", "plugins", project, project + ".dll");

    public static string TestPluginsFile => Path.Combine(Root, "tests", "TestPlugins", "plugins.json");

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "connectorhost.dll");

    private static string FindRoot()
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
}
