using ConnectorHost.Core.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Secrets;

/// <summary>Where the Data Protection key ring is kept, and its registration.</summary>
internal static class KeyRing
{
    /// <summary>
    /// The folder <c>keys</c> next to the SQLite file (the data folder), unless <c>ConnectorHost:KeyRingPath</c> says
    /// otherwise. Database and key ring belong together: back them up and move them together.
    /// </summary>
    public static string FolderFor(string connectionString, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var dataFolder = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
        return Path.Combine(dataFolder, "keys");
    }

    public static IServiceCollection AddSecretKeyRing(this IServiceCollection services, string folder)
    {
        Directory.CreateDirectory(folder);
        services.AddDataProtection()
            .SetApplicationName("ConnectorHost")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
