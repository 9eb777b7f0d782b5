using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Persistence;

/// <summary>Opens the SQLite database the way the host uses it everywhere.</summary>
public static class Database
{
    public const string DefaultConnectionString = "Data Source=data/connectorhost.db";

    /// <summary>Configures SQLite with the core's migrations history table.</summary>
    public static DbContextOptionsBuilder<T> UseConnectorHostSqlite<T>(this DbContextOptionsBuilder<T> builder, string connectionString) where T : DbContext =>
        (DbContextOptionsBuilder<T>)UseConnectorHostSqlite((DbContextOptionsBuilder)builder, connectionString);

    /// <inheritdoc cref="UseConnectorHostSqlite{T}"/>
    public static DbContextOptionsBuilder UseConnectorHostSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable))
            .AddInterceptors(SecureDeleteInterceptor.Instance)
            // Migrate would otherwise diff the model against the last migration's snapshot on every new database (a
            // model build and a diff on the start path). A build-time test asks the same question instead:
            // MigrationTests.Model_EveryChangeHasAMigration.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));

    /// <summary>Creates the folder of the database file if needed, switches it to WAL and applies pending migrations.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(HostDbContext db, CancellationToken cancellationToken = default)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        // Almost every start is a restart on a database that is already current: one plain query says so, and EF's
        // migration machinery (its history-table model and queries, about half a second of first-use cost) stays idle.
        var all = db.Database.GetMigrations().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await IsCurrentAsync(connection, all, cancellationToken))
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
                return [];
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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

    /// <summary>True when the history table lists exactly the migrations of this build (none pending, none unknown).</summary>
    private static async Task<bool> IsCurrentAsync(System.Data.Common.DbConnection connection, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{HostDbContext.MigrationsHistoryTable}');";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{HostDbContext.MigrationsHistoryTable}\" ORDER BY \"MigrationId\";";
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        return applied.SequenceEqual(migrations.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
