using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports.CancelImport;

/// <summary>
/// Asks a job to stop. A queued job is cancelled at once; a running one stops at its next batch (an all-or-nothing job
/// then writes nothing, a skip/overwrite job keeps the batches it committed). A finished job answers 409.
/// </summary>
/// <remarks>
/// Not a command with its own transaction: a running all-or-nothing import holds the database's write lock until it
/// ends, so the request to stop it goes through the job's live counters, and only a job that is not running is
/// changed in the database.
/// </remarks>
public sealed record CancelImport(Guid Id) : Pipeline.IQuery<ImportJobDto>;

internal sealed class CancelImportHandler(HostDbContext db, ImportProgress progress, TimeProvider time) : MediatR.IRequestHandler<CancelImport, ImportJobDto>
{
    public async Task<ImportJobDto> Handle(CancelImport request, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Import job", request.Id);
        if (ImportJobStates.IsFinished(job.State))
        {
            throw new ConflictException($"Import job '{job.Id}' has already ended ({job.State}).");
        }
        if (progress.Find(job.Id) is { } live)
        {
            live.CancelRequested = true;
            return ImportJobDto.From(job, live);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var message = "Cancelled before it started; nothing was imported.";
        var cancelled = await db.ImportJobs.Where(j => j.Id == job.Id && j.State == ImportJobStates.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobStates.Cancelled).SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.Message, message).SetProperty(j => j.FinishedAt, now), cancellationToken);
        if (cancelled == 0)
        {
            // Running in another process (a CLI import): it sees the flag at its next batch.
            await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken);
        }
        var after = await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == job.Id, cancellationToken);
        return ImportJobDto.From(after, progress.Find(job.Id));
    }
}
