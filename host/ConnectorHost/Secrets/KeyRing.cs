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

    public static IServiceCollection AddSecretKeyRing(this IServiceCollection services, ILoggingBuilder logging, string folder)
    {
        // The key files are not encrypted themselves (a machine-bound encryptor would stop a database from moving to
        // another machine with its key ring), so only the host's account may read the folder.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // Data Protection warns about exactly that on every new key; it is the documented choice (docs/secrets.md).
        logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        services.AddDataProtection()
            .SetApplicationName("ConnectorHost")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }
}
