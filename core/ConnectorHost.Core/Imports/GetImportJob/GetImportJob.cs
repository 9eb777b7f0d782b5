using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports.GetImportJob;

/// <summary>An import job's state, progress (rows done of total, rows per second) and counts.</summary>
public sealed record GetImportJob(Guid Id) : IQuery<ImportJobDto>;

internal sealed class GetImportJobHandler(HostDbContext db, ImportProgress progress) : MediatR.IRequestHandler<GetImportJob, ImportJobDto>
{
    public async Task<ImportJobDto> Handle(GetImportJob request, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Import job", request.Id);
        return ImportJobDto.From(job, progress.Find(job.Id));
    }
}
