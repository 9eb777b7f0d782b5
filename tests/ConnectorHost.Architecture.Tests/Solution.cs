using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using NetArchTest.Rules;

namespace ConnectorHost.Architecture.Tests;

/// <summary>
/// The assemblies under test: the SDK and the core as referenced, the host as built next to this test, and
/// every connector plugin as the host loads it, from <c>artifacts/plugins/&lt;Project&gt;/</c>.
/// </summary>
internal static class Solution
{
    public static string Root { get; } = FindRoot();

    public static Assembly Sdk => typeof(SdkInfo).Assembly;

    public static Assembly Core => typeof(HostDbContext).Assembly;

    public static string HostAssemblyPath => Path.Combine(AppContext.BaseDirectory, "connectorhost.dll");

    public static string PluginsFolder => Path.Combine(Root, "artifacts", "plugins");

    /// <summary>Every plugin project in the repository (vendor connectors and test plugins), by project name.</summary>
    public static IReadOnlyList<string> PluginProjects { get; } =
        Directory.GetFiles(Path.Combine(Root, "plugins"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "TestPlugins"), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string PluginFolder(string project) => Path.Combine(PluginsFolder, project);

    public static string PluginAssemblyPath(string project) => Path.Combine(PluginFolder(project), project + ".dll");

    /// <summary>
    /// What "depending on the host" means, read from the host assembly itself so new host folders are covered:
    /// each ConnectorHost.* namespace it defines, and the full names of its types in the bare ConnectorHost
    /// namespace (the prefix "ConnectorHost" alone would also match the SDK).
    /// </summary>
    public static IReadOnlyList<string> HostNames { get; } = ReadHostNames();

    /// <summary>Types of a plugin read from its file without loading it (FutureSdk is built against an SDK this process does not have).</summary>
    public static Types PluginTypes(string project)
    {
        var path = PluginAssemblyPath(project);
        File.Exists(path).ShouldBeTrue($"{path} is missing; build the plugin (this test project builds every plugin before it runs).");
        return Types.FromFile(path);
    }

    private static IReadOnlyList<string> ReadHostNames()
    {
        File.Exists(HostAssemblyPath).ShouldBeTrue($"{HostAssemblyPath} is missing.");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        // Read from metadata: NetArchTest exposes no type list for a file, and loading would pull in ASP.NET.
        using var pe = new PEReader(File.OpenRead(HostAssemblyPath));
        var metadata = pe.GetMetadataReader();
        foreach (var type in metadata.TypeDefinitions.Select(metadata.GetTypeDefinition).Where(t => t.GetDeclaringType().IsNil))
        {
            var ns = metadata.GetString(type.Namespace);
            if (ns == "ConnectorHost")
            {
                names.Add($"{ns}.{metadata.GetString(type.Name)}");
            }
            else if (ns.StartsWith("ConnectorHost.", StringComparison.Ordinal))
            {
                names.Add(ns);
            }
        }
        return names.ToList();
    }

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
