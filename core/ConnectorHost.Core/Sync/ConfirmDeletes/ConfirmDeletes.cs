using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync.ConfirmDeletes;

/// <summary>Releases the user deletes held back for a connector as a mass deletion; returns how many.</summary>
public sealed record ConfirmDeletes(string ConnectorId) : ICommand<int>;

internal sealed class ConfirmDeletesHandler(HostDbContext db) : MediatR.IRequestHandler<ConfirmDeletes, int>
{
    public async Task<int> Handle(ConfirmDeletes request, CancellationToken cancellationToken)
    {
        var held = await db.SyncJobs.Where(j => j.ConnectorId == request.ConnectorId && j.Status == SyncJobStatus.Pending
            && j.Operation == SyncOperation.Delete && !j.DeleteConfirmed).ToListAsync(cancellationToken);
        held.ForEach(j => j.DeleteConfirmed = true);
        return held.Count;
    }
}
