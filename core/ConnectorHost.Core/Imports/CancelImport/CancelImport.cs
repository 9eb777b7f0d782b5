using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports.CancelImport;

/// <summary>
/// Asks a job to stop. A queued job is cancelled at once; a running one stops at its next batch (an all-or-nothing job
/// then writes nothing, a skip/overwrite job keeps the batches it committed). A finished job answers 409.
/// </summary>
public sealed record CancelImport(Guid Id) : ICommand<ImportJobDto>;

internal sealed class CancelImportHandler(HostDbContext db, ImportProgress progress, TimeProvider time) : MediatR.IRequestHandler<CancelImport, ImportJobDto>
{
    public async Task<ImportJobDto> Handle(CancelImport request, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Import job", request.Id);
        if (ImportJobStates.IsFinished(job.State))
        {
            throw new ConflictException($"Import job '{job.Id}' has already ended ({job.State}).");
        }
        job.CancelRequested = true;
        if (job.State == ImportJobStates.Queued)
        {
            job.State = ImportJobStates.Cancelled;
            job.Message = "Cancelled before it started; nothing was imported.";
            job.FinishedAt = time.GetUtcNow().UtcDateTime;
        }
        return ImportJobDto.From(job, progress.Find(job.Id));
    }
}
