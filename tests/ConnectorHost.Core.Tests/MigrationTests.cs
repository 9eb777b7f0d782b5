using ConnectorHost.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConnectorHost.Core.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Model_EveryChangeHasAMigration()
    {
        // The host skips EF's own check at Migrate (PendingModelChangesWarning): an entity change without a migration
        // must fail here instead of reaching a database.
        using var db = new HostDbContext(new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite("Data Source=:memory:").Options);

        db.Database.HasPendingModelChanges().ShouldBeFalse("add a migration: dotnet tool run dotnet-ef migrations add <Name> (see docs/architecture.md)");
    }

    [Fact]
    public async Task Migrate_DatabaseFromFirstMigration_UpgradesToLatestKeepingData()
    {
        var file = Path.Combine(Path.GetTempPath(), $"migrate-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite($"Data Source={file}").Options;
        try
        {
            await using (var db = new HostDbContext(options))
            {
                var all = db.Database.GetMigrations().ToList();
                all.Count.ShouldBeGreaterThan(1);
                await db.GetService<IMigrator>().MigrateAsync(all[0]);
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO Users (Id, Username, NormalizedUsername, FirstName, LastName, DisplayName, PhoneNumbers, Enabled, Attributes, Version, CreatedAt, UpdatedAt) " +
                    "VALUES ('6f1c3f0e-8a47-4a52-9f6c-2f0d1b9f4c11', 'legacy', 'LEGACY', 'Old', 'Timer', 'Old Timer', '[\"+49301234567\"]', 1, '{{}}', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
                (await db.Database.GetPendingMigrationsAsync()).ShouldNotBeEmpty();
            }

            await using (var db = new HostDbContext(options))
            {
                var applied = await Database.MigrateAsync(db);

                applied.ShouldNotBeEmpty();
                (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
                var user = await db.Users.SingleAsync();
                user.Username.ShouldBe("legacy");
                user.PhoneNumbers.ShouldBe(["+49301234567"]);
                (await db.SyncJobs.CountAsync()).ShouldBe(0);
                var journal = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
                journal.Single().ShouldBe("wal");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    [Fact]
    public async Task Migrate_DatabaseAlreadyCurrent_AppliesNothingAndStaysUsable()
    {
        var file = Path.Combine(Path.GetTempPath(), $"migrate-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite($"Data Source={file}").Options;
        try
        {
            await using (var db = new HostDbContext(options))
            {
                (await Database.MigrateAsync(db)).ShouldNotBeEmpty();
            }

            // The restart path: the history table is read with one plain query and EF's migrator is skipped.
            await using (var db = new HostDbContext(options))
            {
                var applied = await Database.MigrateAsync(db);

                applied.ShouldBeEmpty();
                (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
                (await db.Users.CountAsync()).ShouldBe(0);
                var journal = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
                journal.Single().ShouldBe("wal");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    [Fact]
    public async Task Migrate_FreshFileInMissingFolder_CreatesFolderAndSchema()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ch-{Guid.NewGuid():N}", "data");
        var options = new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite($"Data Source={Path.Combine(folder, "connectorhost.db")}").Options;
        try
        {
            await using var db = new HostDbContext(options);
            var applied = await Database.MigrateAsync(db);

            applied.Count.ShouldBe(db.Database.GetMigrations().Count());
            File.Exists(Path.Combine(folder, "connectorhost.db")).ShouldBeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
