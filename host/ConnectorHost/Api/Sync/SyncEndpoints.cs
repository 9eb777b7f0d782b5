using ConnectorHost.Core;
using ConnectorHost.Core.Sync;
using ConnectorHost.Core.Sync.ConfirmDeletes;
using ConnectorHost.Core.Sync.DeadLetters;
using ConnectorHost.Core.Sync.GetSyncStatus;
using ConnectorHost.Core.Sync.Plan;
using ConnectorHost.Core.Sync.PushNow;
using ConnectorHost.Core.Sync.Reconcile;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Sync;

public sealed record PushBody(string ConnectorId, Guid UserId);

public sealed record ReconcileBody(string ConnectorId, bool Repair = false, bool ConfirmDeletes = false);

public sealed record DeadLetterSelection(string? ConnectorId = null, IReadOnlyList<long>? JobIds = null);

public sealed record ConnectorBody(string ConnectorId);

public sealed record CountResult(int Count);

internal static class SyncEndpoints
{
    public static void MapSync(this IEndpointRouteBuilder app)
    {
        var sync = app.MapGroup("/api/sync").WithTags("Sync");
        sync.MapGet("/status", async Task<Ok<IReadOnlyList<ConnectorSyncStatus>>> (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetSyncStatus(), ct)))
            .WithSummary("Per connector: pending, failing, dead-letter, held deletes, last success, circuit state.");
        sync.MapGet("/plan", async Task<Ok<IReadOnlyList<ConnectorComparison>>> (IMediator m, CancellationToken ct, string? connectorId = null) =>
            TypedResults.Ok(await m.Send(new PlanSync(connectorId), ct)))
            .WithSummary("Dry run: creates, updates (with field differences) and deletes a sync would make. Changes nothing.");
        sync.MapPost("/push", async Task<Ok<PushTrace>> (PushBody body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new PushUserNow(body.ConnectorId, body.UserId), ct)))
            .WithSummary("Push one user to one connector now, with a step-by-step trace.");
        sync.MapPost("/reconcile", async Task<Ok<ReconcileReport>> (ReconcileBody body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new Reconcile(body.ConnectorId, body.Repair, body.ConfirmDeletes), ct)))
            .WithSummary("Compare vendor and core users; repair queues the fixes (mass deletes need confirmDeletes).");
        sync.MapPost("/confirm-deletes", async Task<Ok<CountResult>> (ConnectorBody body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(new CountResult(await m.Send(new ConfirmDeletes(body.ConnectorId), ct))))
            .WithSummary("Release deletes held back as a mass deletion.");
        sync.MapGet("/dead-letter", async Task<Ok<Page<DeadLetterDto>>> (IMediator m, CancellationToken ct, string? connectorId = null, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await m.Send(new ListDeadLetters(connectorId, page, pageSize), ct)))
            .WithSummary("Jobs that gave up, with their last error.");
        sync.MapPost("/dead-letter/retry", async Task<Ok<CountResult>> (DeadLetterSelection body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(new CountResult(await m.Send(new RetryDeadLetters(body.ConnectorId, body.JobIds ?? []), ct))))
            .WithSummary("Queue dead-letter jobs again (by ids, or all of a connector).");
        sync.MapPost("/dead-letter/discard", async Task<Ok<CountResult>> (DeadLetterSelection body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(new CountResult(await m.Send(new DiscardDeadLetters(body.ConnectorId, body.JobIds ?? []), ct))))
            .WithSummary("Drop dead-letter jobs for good.");
    }
}
