using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Persistence;

/// <summary>Opens the SQLite database the way the host uses it everywhere.</summary>
public static class Database
{
    public const string DefaultConnectionString = "Data Source=data/connectorhost.db";

    /// <summary>Configures SQLite with the core's migrations history table.</summary>
    public static DbContextOptionsBuilder<T> UseConnectorHostSqlite<T>(this DbContextOptionsBuilder<T> builder, string connectionString) where T : DbContext =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).AddInterceptors(SecureDeleteInterceptor.Instance);

    /// <inheritdoc cref="UseConnectorHostSqlite{T}"/>
    public static DbContextOptionsBuilder UseConnectorHostSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).AddInterceptors(SecureDeleteInterceptor.Instance);

    /// <summary>Creates the folder of the database file if needed, switches it to WAL and applies pending migrations.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(HostDbContext db, CancellationToken cancellationToken = default)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        // WAL lets readers (API, sync worker) run while a write commits. synchronous stays FULL (SQLite's default): with
        // NORMAL a power cut could roll back the last commits, and an admin's saved change or a finished sync job must stay.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return pending;
    }
}
