namespace ConnectorHost.Architecture.Tests;

/// <summary>
/// A plugin folder holds the plugin and its private dependencies only. The assemblies whose types the host
/// shares with plugins must come from the host: a private copy would load a second, incompatible IMediator,
/// IConnectorModule or IServiceCollection into the plugin's load context.
/// </summary>
public sealed class PluginFolderTests
{
    private static readonly string[] SharedFromHost =
    [
        "ConnectorHost.Sdk.dll",
        "MediatR.dll",
        "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "Microsoft.Extensions.Logging.Abstractions.dll",
    ];

    public static TheoryData<string> PluginProjects() => new(Solution.PluginProjects);

    [Theory]
    [MemberData(nameof(PluginProjects))]
    public void PluginFolder_Build_HoldsPluginAssembly(string project)
    {
        File.Exists(Solution.PluginAssemblyPath(project)).ShouldBeTrue(Solution.PluginAssemblyPath(project));
    }

    [Theory]
    [MemberData(nameof(PluginProjects))]
    public void PluginFolder_Build_NoCopyOfAssembliesSharedFromHost(string project)
    {
        var folder = Solution.PluginFolder(project);
        Directory.Exists(folder).ShouldBeTrue(folder);

        var copies = Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories)
            .Where(f => SharedFromHost.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(Solution.Root, f))
            .ToList();

        copies.ShouldBeEmpty();
    }

    [Fact]
    public void PluginFolder_IsolatedDependency_KeepsItsPrivateDependency()
    {
        // The exclusion must be selective: a plugin's own libraries (here an older Polly.Core) stay in its folder.
        File.Exists(Path.Combine(Solution.PluginFolder("TestPlugins.IsolatedDependency"), "Polly.Core.dll")).ShouldBeTrue();
    }
}
