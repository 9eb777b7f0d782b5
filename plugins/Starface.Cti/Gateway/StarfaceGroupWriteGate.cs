namespace Starface.Cti.Gateway;

/// <summary>
/// Serializes writes to STARFACE groups within the plugin: a group is saved as a whole (PUT with every assigned
/// flag), so two concurrent pushes editing one group would lose each other's change, and two pushes creating the
/// same missing group would create it twice.
/// </summary>
internal sealed class StarfaceGroupWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
