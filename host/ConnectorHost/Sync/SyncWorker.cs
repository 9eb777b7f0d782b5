using ConnectorHost.Core.Sync;

namespace ConnectorHost.Sync;

/// <summary>Runs <see cref="SyncRound"/> in the background: at once again after a round that delivered, else after the poll interval.</summary>
internal sealed class SyncWorker(SyncRound round, SyncOptions options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits until the host serves. Started at once it ran inside the host's start, before Kestrel
        // listened (a background service runs synchronously up to its first real wait), and its first queries paid
        // EF Core's first-use cost there, delaying the first answer by a second or more.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetResult()))
        {
            await started.Task;
        }
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
