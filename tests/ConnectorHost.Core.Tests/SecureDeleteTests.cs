using ConnectorHost.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Tests;

public sealed class SecureDeleteTests
{
    // Erased secrets must be zeroed on disk on every connection, whether the pool hands back a native connection
    // that already has the pragma or opens a new one.
    [Fact]
    public async Task OpenConnection_PooledAndNewNativeConnections_SecureDeleteIsFast()
    {
        var file = Path.Combine(Path.GetTempPath(), $"secure-delete-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite($"Data Source={file}").Options;
        try
        {
            (await SecureDeleteAsync(options)).ShouldBe(2L, "first native connection");
            (await SecureDeleteAsync(options)).ShouldBe(2L, "native connection reused from the pool");
            SqliteConnection.ClearAllPools();
            (await SecureDeleteAsync(options)).ShouldBe(2L, "new native connection after the pool was cleared");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<long> SecureDeleteAsync(DbContextOptions<HostDbContext> options)
    {
        await using var db = new HostDbContext(options);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA secure_delete;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
