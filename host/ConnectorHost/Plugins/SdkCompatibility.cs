using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ConnectorHost.Sdk;

namespace ConnectorHost.Plugins;

/// <summary>
/// Reads which SDK version a plugin was compiled against, straight from its metadata and before loading it:
/// a plugin built for a newer SDK would otherwise break type sharing at run time.
/// </summary>
internal static class SdkCompatibility
{
    public static Version HostSdkVersion { get; } = typeof(SdkInfo).Assembly.GetName().Version!;

    /// <summary>Null when the plugin can be loaded, else the reason it cannot.</summary>
    public static string? Check(string assemblyPath)
    {
        Version? target;
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return $"{Path.GetFileName(assemblyPath)} is not a .NET assembly.";
            }
            var reader = pe.GetMetadataReader();
            var sdkName = typeof(SdkInfo).Assembly.GetName().Name;
            target = reader.AssemblyReferences
                .Select(h => reader.GetAssemblyReference(h))
                .Where(r => reader.GetString(r.Name) == sdkName)
                .Select(r => r.Version)
                .FirstOrDefault();
        }
        catch (BadImageFormatException)
        {
            return $"{Path.GetFileName(assemblyPath)} is not a .NET assembly.";
        }
        if (target is null)
        {
            return $"{Path.GetFileName(assemblyPath)} does not reference ConnectorHost.Sdk, so it cannot be a connector.";
        }
        if (target.Major != HostSdkVersion.Major || target.Minor > HostSdkVersion.Minor)
        {
            return $"built for ConnectorHost SDK {target.ToString(3)}, but this host provides SDK {HostSdkVersion.ToString(3)}; "
                + (target.Major > HostSdkVersion.Major || target.Minor > HostSdkVersion.Minor
                    ? "upgrade the host or use a plugin build for this SDK."
                    : "rebuild the plugin against this SDK.");
        }
        return null;
    }
}
