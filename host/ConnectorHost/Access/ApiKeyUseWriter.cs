using ConnectorHost.Core.Access;
using ConnectorHost.Core.Access.AuthenticateApiKey;
using MediatR;

namespace ConnectorHost.Access;

/// <summary>
/// Writes the API key last-use times <see cref="ApiKeyAuthenticationHandler"/> records, every few seconds and once
/// more at shutdown. A busy database (a long import holding the write lock) only delays the write to a later round.
/// </summary>
internal sealed class ApiKeyUseWriter(IServiceScopeFactory scopes, ApiKeyUses uses, ILogger<ApiKeyUseWriter> logger) : BackgroundService
{
    // Bookkeeping, not a rule: real time on purpose, so a fake clock in tests does not stop the writes.
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Round, stoppingToken);
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var pending = uses.Pending();
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TouchApiKeys(pending), cancellationToken);
            foreach (var use in pending)
            {
                uses.Written(use);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "API key last-use times not written this round; kept for the next one");
        }
    }
}
