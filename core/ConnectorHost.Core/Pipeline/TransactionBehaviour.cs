using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Pipeline;

/// <summary>
/// Innermost: one database transaction per command, committed once after the handler; nested commands
/// (e.g. a connector action creating users) join the outer transaction. Notifications go out after commit.
/// </summary>
internal sealed class TransactionBehaviour<TRequest, TResponse>(HostDbContext db, WriteQueue writes, PendingNotifications notifications, Savepoints savepoints, IConnectorDispatcher dispatcher)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>)
        {
            return await next();
        }
        if (db.Database.CurrentTransaction is not null)
        {
            // A nested command (e.g. one row of a connector's import) is all-or-nothing on its own, so the
            // caller may refuse that row and carry on with the others.
            return await savepoints.RunAsync(async () =>
            {
                var inner = await next();
                await SaveAsync(cancellationToken);
                return inner;
            }, cancellationToken);
        }

        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        TResponse response;
        try
        {
            response = await next();
            await SaveAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            notifications.Clear();
            throw;
        }

        // The change is committed: a client that hangs up now must not cut the notifications short.
        foreach (var notification in notifications.Drain())
        {
            await dispatcher.PublishAsync(notification, CancellationToken.None);
        }
        return response;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The record was changed by another request at the same time; reload and try again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 } sqlite)
        {
            // A race past the handler's own duplicate checks still ends as a readable conflict.
            throw new ConflictException($"The change conflicts with existing data ({sqlite.Message.Replace("SQLite Error 19: ", "", StringComparison.Ordinal)}).");
        }
    }
}
