using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Sync.Reconcile;

/// <summary>
/// Compares the vendor's users with the core's; with <see cref="Repair"/> queues the jobs that fix the
/// differences. A repair that would delete more than the allowed share stops unless <see cref="ConfirmDeletes"/>.
/// Reading the vendor happens outside any database transaction; only the queued jobs are written, in a short one.
/// </summary>
public sealed record Reconcile(string ConnectorId, bool Repair = false, bool ConfirmDeletes = false) : MediatR.IRequest<ReconcileReport>, IConnectorRequest;

/// <summary>Queues the jobs a reconcile repair decided on; returns how many.</summary>
public sealed record QueueRepairJobs(string ConnectorId, IReadOnlyList<PlannedChange> Changes, bool ConfirmDeletes) : ICommand<int>;

public sealed record ReconcileReport(
    string ConnectorId,
    IReadOnlyList<PlannedChange> MissingAtVendor,
    IReadOnlyList<PlannedChange> Differing,
    IReadOnlyList<PlannedChange> OrphansToDelete,
    IReadOnlyList<UnknownVendorUser> UnknownAtVendor,
    int InSync,
    int Enqueued,
    bool RequiresConfirmation,
    string Summary);

internal sealed class ReconcileHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, MediatR.IMediator mediator, SyncOptions options, TimeProvider time)
    : MediatR.IRequestHandler<Reconcile, ReconcileReport>, MediatR.IRequestHandler<QueueRepairJobs, int>
{
    public async Task<ReconcileReport> Handle(Reconcile request, CancellationToken cancellationToken)
    {
        var comparison = await VendorComparison.CompareAsync(db, secrets, catalog, dispatcher, request.ConnectorId, cancellationToken);
        var missing = comparison.Changes.Where(c => c.Action == PlannedAction.Create).ToList();
        var differing = comparison.Changes.Where(c => c.Action == PlannedAction.Update).ToList();
        var orphans = comparison.Changes.Where(c => c.Action == PlannedAction.Delete).ToList();
        var inSync = comparison.Changes.Count(c => c.Action == PlannedAction.Unchanged);
        var massDelete = DeleteGuard.Exceeds(options, orphans.Count, comparison.VendorUserCount);

        var enqueued = 0;
        var requiresConfirmation = request.Repair && massDelete && !request.ConfirmDeletes;
        if (request.Repair && !requiresConfirmation)
        {
            enqueued = await mediator.Send(new QueueRepairJobs(request.ConnectorId, [.. missing, .. differing, .. orphans], request.ConfirmDeletes), cancellationToken);
        }

        var summary = $"{missing.Count} missing at vendor, {differing.Count} differing, {orphans.Count} to delete, {comparison.UnknownAtVendor.Count} unknown at vendor, {inSync} in sync."
            + (requiresConfirmation
                ? $" Repair stopped: it would delete {orphans.Count} of {comparison.VendorUserCount} vendor users (more than {options.MaxDeleteShare:P0}); repeat with confirmDeletes to proceed."
                : request.Repair ? $" Queued {enqueued} job(s)." : "");
        return new ReconcileReport(request.ConnectorId, missing, differing, orphans, comparison.UnknownAtVendor, inSync, enqueued, requiresConfirmation, summary);
    }

    public Task<int> Handle(QueueRepairJobs request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var change in request.Changes)
        {
            var delete = change.Action == PlannedAction.Delete;
            // The core user of a delete is gone; the vendor's match key is all that is left to address it by.
            var snapshot = delete
                ? JsonSerializer.Serialize(new DeletedUser(
                    new UserSnapshot(change.UserId!.Value, change.Name, "", "", change.Name, null, [], null, null, null, false, new Dictionary<string, string>(), 0),
                    new JsonObject()))
                : null;
            var job = SyncJob.Pending(request.ConnectorId, SyncEntityType.User, change.UserId!.Value, delete ? SyncOperation.Delete : SyncOperation.Upsert, now, snapshot: snapshot);
            job.DeleteConfirmed = delete && request.ConfirmDeletes;
            db.SyncJobs.Add(job);
        }
        return Task.FromResult(request.Changes.Count);
    }
}
