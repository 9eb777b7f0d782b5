using Microsoft.EntityFrameworkCore.Storage;

namespace ConnectorHost.Core.Persistence;

/// <summary>A database transaction begun through <see cref="WriteQueue"/>; ending it (commit, rollback or dispose) hands the turn on.</summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SemaphoreSlim? _turn;

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
        await _transaction.DisposeAsync();
        Interlocked.Exchange(ref _turn, null)?.Release();
    }
}
