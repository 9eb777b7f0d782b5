namespace ConnectorHost.Diagnostics;

/// <summary>
/// Lets a background service wait until the host serves. A background service runs synchronously up to its first real
/// wait, inside the host's start: its first EF queries (query compilation on first use) would otherwise delay the
/// first answer by a second or more.
/// </summary>
internal static class ServingStart
{
    /// <summary>Completes once the host has started, or when <paramref name="stoppingToken"/> fires first.</summary>
    public static async Task WaitUntilServingAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetResult()))
        {
            await started.Task;
        }
    }
}
