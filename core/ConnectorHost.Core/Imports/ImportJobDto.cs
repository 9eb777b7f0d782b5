using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// An import job as clients see it. Counts of a dry run say what the import would do; <see cref="Skipped"/> counts the
/// rows with errors (not imported), whose details are in the row report.
/// </summary>
public sealed record ImportJobDto(
    Guid Id,
    string State,
    string Mode,
    bool DryRun,
    string? Format,
    string FileName,
    int? RowsTotal,
    int RowsDone,
    double RowsPerSecond,
    int Created,
    int Updated,
    int Unchanged,
    int Skipped,
    string? Message,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt)
{
    internal static ImportJobDto From(ImportJob job, ImportProgress.Counters? live)
    {
        if (live is not null && job.State == ImportJobStates.Running)
        {
            var seconds = live.ElapsedSecondsBefore + live.Watch.Elapsed.TotalSeconds;
            return new(job.Id, job.State, job.Mode, job.DryRun, job.Format, job.FileName, live.RowsTotal ?? job.RowsTotal, live.RowsDone,
                Rate(live.RowsDone, seconds), live.Created, live.Updated, live.Unchanged, live.Skipped, job.Message, job.CreatedAt, job.StartedAt, job.FinishedAt);
        }
        return new(job.Id, job.State, job.Mode, job.DryRun, job.Format, job.FileName, job.RowsTotal, job.RowsDone, Rate(job.RowsDone, job.ElapsedSeconds),
            job.Created, job.Updated, job.Unchanged, job.Skipped, job.Message, job.CreatedAt, job.StartedAt, job.FinishedAt);
    }

    private static double Rate(int rows, double seconds) => seconds <= 0 ? 0 : Math.Round(rows / seconds, 1);
}
