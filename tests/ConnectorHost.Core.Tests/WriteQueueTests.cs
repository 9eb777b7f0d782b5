using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Users.CreateUser;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnectorHost.Core.Tests;

public sealed class WriteQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // SQLite gives up on a busy database after its timeout ("database is locked"); a writer queued behind a longer write
    // waits for its turn instead, and starts when the writer before it commits.
    [Fact]
    public async Task BeginAsync_WriterBeforeHoldsLongerThanSqliteWaits_StartsAfterTheCommitInsteadOfFailing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"write-queue-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite($"Data Source={file};Default Timeout=1").Options;
        try
        {
            await using (var setup = new HostDbContext(options))
            {
                await Database.MigrateAsync(setup);
            }
            var queue = new WriteQueue(NullLogger<WriteQueue>.Instance);
            await using var firstDb = new HostDbContext(options);
            await using var secondDb = new HostDbContext(options);

            var open = await queue.BeginAsync(firstDb, CancellationToken.None);
            var waiting = queue.BeginAsync(secondDb, CancellationToken.None);
            waiting.IsCompleted.ShouldBeFalse();
            await firstDb.Database.ExecuteSqlRawAsync("""UPDATE "Users" SET "Version" = "Version" + 1;""");
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await open.CommitAsync(CancellationToken.None);

            await using var next = await waiting.WaitAsync(Patience);
            await secondDb.Database.ExecuteSqlRawAsync("""UPDATE "Users" SET "Version" = "Version" + 1;""");
            await next.CommitAsync(CancellationToken.None);
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

    [Theory]
    [InlineData("rollback")]
    [InlineData("dispose")]
    public async Task BeginAsync_WriterBeforeEndsWithoutCommit_TurnPassesOn(string ending)
    {
        await using var core = await CoreFixture.StartAsync();
        await using var first = core.CreateScope();
        await using var second = core.CreateScope();
        var queue = first.ServiceProvider.GetRequiredService<WriteQueue>();

        var open = await queue.BeginAsync(first.ServiceProvider.GetRequiredService<HostDbContext>(), CancellationToken.None);
        var waiting = queue.BeginAsync(second.ServiceProvider.GetRequiredService<HostDbContext>(), CancellationToken.None);
        if (ending == "rollback")
        {
            await open.RollbackAsync(CancellationToken.None);
        }
        await open.DisposeAsync();

        await using var next = await waiting.WaitAsync(Patience);
        waiting.IsCompletedSuccessfully.ShouldBeTrue();
    }

    // An import's cleanup rolls back whatever transaction it still holds; after a commit that must not throw over the
    // error that brought it there, and the next writer must still get its turn.
    [Fact]
    public async Task RollbackAsync_AfterCommit_DoesNothingAndTheNextWriterStarts()
    {
        await using var core = await CoreFixture.StartAsync();
        await using var first = core.CreateScope();
        await using var second = core.CreateScope();
        var queue = first.ServiceProvider.GetRequiredService<WriteQueue>();
        var committed = await queue.BeginAsync(first.ServiceProvider.GetRequiredService<HostDbContext>(), CancellationToken.None);
        await committed.CommitAsync(CancellationToken.None);

        await committed.RollbackAsync(CancellationToken.None);

        await using var next = await queue.BeginAsync(second.ServiceProvider.GetRequiredService<HostDbContext>(), CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task CreateUser_EightAtOnce_AllCreated()
    {
        await using var core = await CoreFixture.StartAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => core.SendAsync(new CreateUser($"writer{i}", "Concurrent", $"Writer {i}")))));

        created.Select(u => u.Username).Order().ShouldBe(Enumerable.Range(0, 8).Select(i => $"writer{i}"));
        (await core.QueryAsync(db => db.Users.CountAsync())).ShouldBe(8);
    }
}
