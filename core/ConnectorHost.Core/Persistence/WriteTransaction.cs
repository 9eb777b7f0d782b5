using Microsoft.EntityFrameworkCore.Storage;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// A database transaction begun through <see cref="WriteQueue"/>. It ends once: commit, rollback or dispose hands the
/// turn on, and a rollback after it ended does nothing (a caller's cleanup must not hide the error that brought it there).
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SemaphoreSlim? _turn;
    private bool _ended;

    internal WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? turn)
    {
        _transaction = transaction;
        _turn = turn;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        await DisposeAsync();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return;
        }
        try
        {
            await _transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ended = true;
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            // Whatever the dispose did, the next writer's turn must come.
            Interlocked.Exchange(ref _turn, null)?.Release();
        }
    }
}
