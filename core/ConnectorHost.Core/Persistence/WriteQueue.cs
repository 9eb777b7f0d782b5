using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// Lets this process's write transactions take SQLite's one write lock in turn. Without it, concurrent writers meet a
/// busy database at <c>BEGIN IMMEDIATE</c>, and Microsoft.Data.Sqlite retries after sleeping 150 ms on a pool thread:
/// under 8 concurrent creates the p99 reached a second. Queued here, the next writer starts the moment the last one
/// commits. Another process on the same file (the CLI beside a running host) still meets SQLite's own busy retry.
/// </summary>
public sealed class WriteQueue(ILogger<WriteQueue> logger)
{
    /// <summary>As long as SQLite's own busy retry waits (Microsoft.Data.Sqlite's default command timeout).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this process's turn to write, then begins the transaction (SQLite: <c>BEGIN IMMEDIATE</c>).</summary>
    public async Task<WriteTransaction> BeginAsync(HostDbContext db, CancellationToken cancellationToken)
    {
        var queued = await _turn.WaitAsync(MaxWait, cancellationToken);
        if (!queued)
        {
            // A writer holding its turn this long is a very long import batch or a bug; SQLite's busy retry decides now,
            // as it did before the queue.
            logger.LogWarning("A write waited {Seconds} s for its turn; it goes ahead and SQLite's lock decides", MaxWait.TotalSeconds);
        }
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return new WriteTransaction(transaction, queued ? _turn : null);
        }
        catch
        {
            if (queued)
            {
                _turn.Release();
            }
            throw;
        }
    }
}
