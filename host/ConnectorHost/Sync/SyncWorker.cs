using ConnectorHost.Core.Sync;
using ConnectorHost.Diagnostics;

namespace ConnectorHost.Sync;

/// <summary>Runs <see cref="SyncRound"/> in the background: at once again after a round that delivered, else after the poll interval.</summary>
internal sealed class SyncWorker(SyncRound round, SyncOptions options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits until the host serves, off the start path.
        await lifetime.WaitUntilServingAsync(stoppingToken);
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
