using System.Collections.Concurrent;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// Live counters of running imports. A job that writes all or nothing (fail mode, dry run) holds its transaction to
/// the end, so its progress cannot be read from the database meanwhile; the job's GET reads it from here.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, Counters> _running = new();

    internal Counters Start(Guid jobId) => _running[jobId] = new Counters();

    internal void End(Guid jobId) => _running.TryRemove(jobId, out _);

    internal Counters? Find(Guid jobId) => _running.GetValueOrDefault(jobId);

    /// <summary>Counters written by the job's thread and read by requests; single fields, so no lock is needed.</summary>
    public sealed class Counters
    {
        public int RowsDone;
        public int? RowsTotal;
        public int Created;
        public int Updated;
        public int Unchanged;
        public int Skipped;
        public double ElapsedSecondsBefore;
        /// <summary>Set by a cancel request; the job stops at its next batch.</summary>
        public volatile bool CancelRequested;
        public System.Diagnostics.Stopwatch Watch { get; } = System.Diagnostics.Stopwatch.StartNew();
    }
}
