using ConnectorHost.Core.Sync;

namespace ConnectorHost.Sync;

/// <summary>Runs <see cref="SyncRound"/> in the background: at once again after a round that delivered, else after the poll interval.</summary>
internal sealed class SyncWorker(SyncRound round, SyncOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = await round.RunAsync(stoppingToken);
            if (delivered == 0)
            {
                try
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
