using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NetArchTest.Rules;

namespace ConnectorHost.Architecture.Tests;

/// <summary>The namespaces each layer must stay away from, and a check that names every offending type.</summary>
internal static class DependencyRules
{
    public const string Core = "ConnectorHost.Core";
    public const string EntityFramework = "Microsoft.EntityFrameworkCore";
    public const string AspNetCore = "Microsoft.AspNetCore";
    public const string Autofac = "Autofac";
    public const string McMasterPlugins = "McMaster";

    /// <summary>A plugin sees the host only through the SDK: no core model, no host internals, no host infrastructure.</summary>
    public static IReadOnlyList<string> ForbiddenForPlugins { get; } =
        [Core, .. Solution.HostNames, EntityFramework, AspNetCore, Autofac, McMasterPlugins];

    /// <summary>The core is the application layer: HTTP, the container and plugin loading belong to the host.</summary>
    public static IReadOnlyList<string> ForbiddenForCore { get; } =
        [.. Solution.HostNames, AspNetCore, Autofac, McMasterPlugins];

    /// <summary>The SDK is the plugins' only contract, so it may not drag anything of the host side along.</summary>
    public static IReadOnlyList<string> ForbiddenForSdk { get; } =
        [Core, .. Solution.HostNames, EntityFramework, AspNetCore, Autofac, McMasterPlugins];

    /// <summary>
    /// Every use of a forbidden namespace or type in the assembly at <paramref name="assemblyPath"/>; empty when the
    /// rule holds. NetArchTest names the offending type, but 1.3.2 does not look inside async lambdas (their state
    /// machine is nested two levels deep), so the assembly's type-reference table, which holds every type the
    /// compiled code touches, is checked as well.
    /// </summary>
    public static IReadOnlyList<string> Violations(string assemblyPath, IReadOnlyList<string> forbidden)
    {
        var violations = new List<string>();
        foreach (var name in forbidden)
        {
            violations.AddRange(TypesDependingOn(Types.FromFile(assemblyPath), name).Select(t => $"{t} → {name}"));
        }
        violations.AddRange(ReferencedTypeNames(assemblyPath)
            .Where(referenced => forbidden.Any(name => IsWithin(referenced, name)))
            .Select(referenced => $"{Path.GetFileName(assemblyPath)} references {referenced}"));
        return violations;
    }

    /// <summary>The types that depend on <paramref name="name"/>, as NetArchTest sees them.</summary>
    public static IReadOnlyList<string> TypesDependingOn(Types types, string name) =>
        types.ShouldNot().HaveDependencyOn(name).GetResult().FailingTypeNames?.ToList() ?? [];

    /// <summary>Full names of all types the assembly refers to in other assemblies (nested types as Outer+Inner).</summary>
    public static IReadOnlyList<string> ReferencedTypeNames(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences.Select(handle => FullName(metadata, handle)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var reference = metadata.GetTypeReference(handle);
        var name = metadata.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
        }
        var ns = metadata.GetString(reference.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private static bool IsWithin(string typeName, string namespaceOrType) =>
        typeName == namespaceOrType
        || typeName.StartsWith(namespaceOrType + ".", StringComparison.Ordinal)
        || typeName.StartsWith(namespaceOrType + "+", StringComparison.Ordinal);
}
