using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Imports;

/// <summary>
/// Runs queued import jobs one at a time. At start-up it first resumes the jobs a stopped or killed host left running
/// (see <see cref="ImportRunner"/> for what resuming means per mode).
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, ImportSignal signal, ImportFiles files, ILogger<ImportWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits until the host serves, off the start path.
        await lifetime.WaitUntilServingAsync(stoppingToken);
        var resume = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Jobs another process runs (a CLI import) hold their lock: they are left to it.
                var busy = new HashSet<Guid>();
                while (await NextAsync(resume, busy, stoppingToken) is { } jobId)
                {
                    await using var jobLock = ImportJobLock.TryTake(files, jobId);
                    if (jobLock is null)
                    {
                        busy.Add(jobId);
                        continue;
                    }
                    await using var scope = scopes.CreateAsyncScope();
                    logger.LogInformation("Import {JobId} {What}", jobId, resume ? "resumed after a restart" : "started");
                    if (await scope.ServiceProvider.GetRequiredService<IImportRunner>().RunAsync(jobId, resume, stoppingToken))
                    {
                        // The run ended the job; a host stopping mid-job throws past here and leaves the file for the resume.
                        jobLock.JobEnded();
                    }
                }
                resume = false;
                await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The import worker failed; it tries again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task<Guid?> NextAsync(bool resume, HashSet<Guid> busy, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        return await db.ImportJobs.AsNoTracking()
            .Where(j => j.State == ImportJobStates.Queued || (resume && j.State == ImportJobStates.Running))
            .Where(j => !busy.Contains(j.Id))
            .OrderBy(j => j.CreatedAt)
            .Select(j => (Guid?)j.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
