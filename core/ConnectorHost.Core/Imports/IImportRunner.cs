namespace ConnectorHost.Core.Imports;

/// <summary>Runs import jobs: the host's background worker and the CLI's `users import` use it.</summary>
public interface IImportRunner
{
    /// <summary>Called after each row with the live counters (the CLI draws its progress bar from them).</summary>
    Action<ImportProgress.Counters>? OnProgress { get; set; }

    /// <param name="jobId">The job.</param>
    /// <param name="resume">Also take a job that is running already: one interrupted by a restart (only the worker's start-up does this).</param>
    /// <param name="cancellationToken">Stopping the host; the job stays running and resumes at the next start.</param>
    /// <returns>False when the job was not there to run (finished, cancelled, or taken by another runner).</returns>
    Task<bool> RunAsync(Guid jobId, bool resume, CancellationToken cancellationToken);
}
