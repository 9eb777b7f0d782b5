using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync.PushNow;

/// <summary>
/// Pushes one user to one connector right now and reports each step; failures are reported, not thrown. The
/// vendor call runs outside any database transaction; only the result is written, in a short one.
/// </summary>
public sealed record PushUserNow(string ConnectorId, Guid UserId) : MediatR.IRequest<PushTrace>, IConnectorRequest;

/// <summary>Records what the vendor answered to an on-demand push and folds the user's queued updates into it.</summary>
public sealed record RecordPushResult(string ConnectorId, Guid UserId, PushResult Result, int Version) : ICommand<int>;

public sealed record PushStep(string Step, bool Ok, string Detail, JsonNode? Data = null);

public sealed record PushTrace(string ConnectorId, Guid UserId, bool Succeeded, string? VendorId, IReadOnlyList<PushStep> Steps);

internal sealed class PushUserNowHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, ConnectorResilience resilience, MediatR.IMediator mediator, TimeProvider time,
    ILogger<PushUserNowHandler> logger)
    : MediatR.IRequestHandler<PushUserNow, PushTrace>, MediatR.IRequestHandler<RecordPushResult, int>
{
    public async Task<PushTrace> Handle(PushUserNow request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId, ConnectorCapabilities.PushUser);
        // Before the user is read for the push: see WriteOnlyErasure.
        var erasure = await Secrets.WriteOnlyErasure.CaptureAsync(db, catalog, request.ConnectorId, SyncEntityType.User, request.UserId, cancellationToken);
        var user = await DirectoryQueries.LoadUserAsync(db, secrets, request.ConnectorId, request.UserId, cancellationToken)
            ?? throw new NotFoundException("User", request.UserId);
        var steps = new List<PushStep>();
        PushTrace Fail(string step, string detail) =>
            new(request.ConnectorId, request.UserId, false, null, [.. steps, new PushStep(step, false, detail)]);

        if (!await db.UserConnectorSettings.AnyAsync(s => s.UserId == request.UserId && s.ConnectorId == request.ConnectorId, cancellationToken))
        {
            return Fail("validation", $"User has no settings for connector '{request.ConnectorId}'; assign the connector first.");
        }
        if (description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ProjectUser))
        {
            var projection = await dispatcher.SendAsync(request.ConnectorId, new ProjectUser(user), cancellationToken);
            steps.Add(new PushStep("projection", true, projection.Warnings.Count == 0 ? "Mapped to the vendor's fields." : string.Join(" ", projection.Warnings), projection.Payload));
        }

        var generic = SchemaValidator.Validate(description.Schema.User, user.Settings, user.Settings);
        var errors = generic.Errors.ToList();
        if (generic.IsValid && description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateUserSettings))
        {
            errors.AddRange((await dispatcher.SendAsync(request.ConnectorId, new ValidateUserSettings(user, user.Settings), cancellationToken)).Errors);
        }
        if (errors.Count > 0)
        {
            return Fail("validation", string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        steps.Add(new PushStep("validation", true, "Settings pass the schema and the vendor rules."));

        // The worker must not push this user while we do (both could create it at a vendor without idempotency keys).
        using var entityLock = await resilience.LockEntityAsync(request.ConnectorId, request.UserId, cancellationToken);
        var link = await db.VendorLinks.AsNoTracking().FirstOrDefaultAsync(l => l.ConnectorId == request.ConnectorId && l.EntityType == SyncEntityType.User && l.EntityId == request.UserId, cancellationToken);
        var key = Guid.NewGuid().ToString("N");
        steps.Add(new PushStep("request", true, link?.VendorId is { } known ? $"Update vendor record {known}." : "Create, or adopt the vendor record with the same natural key."));

        PushResult result;
        try
        {
            result = await resilience.PipelineFor(request.ConnectorId).ExecuteAsync(
                async ct => await dispatcher.SendAsync(request.ConnectorId, new PushUser(user, PushOperation.Upsert, link?.VendorId, key), ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await resilience.RecordCallAsync(db, request.ConnectorId, ex, CancellationToken.None);
            if (VendorFailures.IsExpected(ex))
            {
                logger.LogWarning("On-demand push of user {UserId} to {Connector}: {Error}", request.UserId, request.ConnectorId, VendorFailures.Describe(ex));
            }
            else
            {
                logger.LogError(ex, "On-demand push of user {UserId} to {Connector} failed in the connector", request.UserId, request.ConnectorId);
            }
            return Fail("vendor answer", VendorFailures.Describe(ex));
        }
        await resilience.RecordCallAsync(db, request.ConnectorId, null, cancellationToken);
        steps.Add(new PushStep("vendor answer", true, $"{result.State}; vendor id {result.VendorId}."));

        var folded = await mediator.Send(new RecordPushResult(request.ConnectorId, request.UserId, result, user.User.Version), cancellationToken);
        if (erasure is not null)
        {
            await erasure.EraseAsync(db, logger);
        }
        var vendorId = result.VendorId ?? link?.VendorId;
        steps.Add(new PushStep("result", true, $"Recorded vendor id {vendorId}; {folded} queued update(s) folded in."));
        return new PushTrace(request.ConnectorId, request.UserId, true, vendorId, steps);
    }

    public async Task<int> Handle(RecordPushResult request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var link = await db.VendorLinks.FirstOrDefaultAsync(l => l.ConnectorId == request.ConnectorId && l.EntityType == SyncEntityType.User && l.EntityId == request.UserId, cancellationToken);
        VendorLink.Record(db, link, request.ConnectorId, SyncEntityType.User, request.UserId, request.Result, request.Version, now);
        // Queued updates of this user are now delivered; deletes stay queued.
        var queued = await db.SyncJobs.Where(j => j.ConnectorId == request.ConnectorId && j.EntityType == SyncEntityType.User && j.EntityId == request.UserId
            && j.Status == SyncJobStatus.Pending && j.Operation == SyncOperation.Upsert).ToListAsync(cancellationToken);
        foreach (var job in queued)
        {
            job.Status = SyncJobStatus.Done;
            job.CompletedAt = now;
            job.LastError = "delivered by an on-demand push";
        }
        return queued.Count;
    }
}
