using System.Diagnostics;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using FluentValidation;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Pipeline;

/// <summary>A request that changes state: it runs in one transaction and commits once, after the handler.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>Notifications raised by handlers, published only after the outermost transaction commits.</summary>
public sealed class PendingNotifications
{
    private readonly List<INotification> _items = [];

    public void Add(INotification notification) => _items.Add(notification);

    internal IReadOnlyList<INotification> Drain()
    {
        var items = _items.ToList();
        _items.Clear();
        return items;
    }

    internal void Clear() => _items.Clear();
}

/// <summary>Outermost: logs each request's name, outcome and duration (never its body, which may hold secrets).</summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogInformation("{Request} handled in {Elapsed} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is ValidationFailedException or NotFoundException or ConflictException or VersionMismatchException or ConnectorActionFailedException)
        {
            logger.LogInformation("{Request} refused: {Reason}", name, ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (Sync.VendorFailures.IsExpected(ex))
        {
            // A vendor being down or refusing is part of the job: one line naming the connector and the call.
            logger.LogWarning("{Request} for {Connector}: {Error}", name, (request as IConnectorRequest)?.ConnectorId ?? "(all connectors)", Sync.VendorFailures.Describe(ex));
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Request} failed after {Elapsed} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Runs every validator of the request and reports all field errors at once.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            errors.AddRange(result.Errors.Select(e => new FieldError(FieldName(e.PropertyName), e.ErrorMessage)));
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        return await next();
    }

    // Field names as they appear in the JSON body (camelCase), e.g. "phoneNumbers[1]".
    private static string FieldName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>
/// Innermost: one database transaction per command, committed once after the handler; nested commands
/// (e.g. a connector action creating users) join the outer transaction. Notifications go out after commit.
/// </summary>
internal sealed class TransactionBehaviour<TRequest, TResponse>(HostDbContext db, PendingNotifications notifications, IConnectorDispatcher dispatcher)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>)
        {
            return await next();
        }
        if (db.Database.CurrentTransaction is { } outer)
        {
            // A nested command (e.g. one row of a connector's import) is all-or-nothing on its own, so the
            // caller may refuse that row and carry on with the others.
            var savepoint = $"cmd{Guid.NewGuid():N}";
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
            try
            {
                var inner = await next();
                await SaveAsync(cancellationToken);
                await outer.ReleaseSavepointAsync(savepoint, cancellationToken);
                return inner;
            }
            catch
            {
                await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None);
                DiscardUnsavedChanges();
                throw;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

    // After a rollback to a savepoint, tracked entities of the failed command must not be saved later.
    private void DiscardUnsavedChanges()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                entry.Reload();
            }
        }
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
