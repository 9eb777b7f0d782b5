namespace ConnectorHost.Imports;

/// <summary>Wakes the import worker when a job is queued, instead of waiting for its next poll.</summary>
internal sealed class ImportSignal
{
    private readonly SemaphoreSlim _semaphore = new(0);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            _semaphore.Release();
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _semaphore.WaitAsync(timeout, cancellationToken);
}
