using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Delivers the pending jobs of one entity to one connector: folds repeated updates into one push of the
/// current state, records the vendor id, and on failure schedules a retry (backoff with jitter, Retry-After
/// honoured) or dead-letters the jobs. Uses its own unit of work; one entity is never delivered concurrently.
/// </summary>
public sealed class SyncDelivery(
    HostDbContext db,
    Secrets.SettingsSecrets secrets,
    IConnectorDispatcher dispatcher,
    IConnectorCatalog catalog,
    ConnectorResilience resilience,
    SyncOptions options,
    ChangeOrigin origin,
    TimeProvider time,
    ILogger<SyncDelivery> logger)
{
    /// <param name="probe">
    /// The first call after a circuit break: delivered even when its retry is not due yet (the probe takes the oldest
    /// change, so order survives an outage), and an outage answer does not count as an attempt, so a long outage
    /// cannot dead-letter the backlog one probe at a time.
    /// </param>
    public async Task<DeliveryOutcome> DeliverAsync(string connectorId, SyncEntityType type, Guid entityId, CancellationToken cancellationToken, bool allowUnconfirmedDeletes = true, bool probe = false)
    {
        using var entityLock = await resilience.LockEntityAsync(connectorId, entityId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.SyncJobs
            .Where(j => j.ConnectorId == connectorId && j.EntityType == type && j.EntityId == entityId && j.Status == SyncJobStatus.Pending)
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0 || (!probe && pending.Max(j => j.NextAttemptAt) > now))
        {
            return DeliveryOutcome.NothingDue;
        }
        var state = await ConnectorStates.ReadAsync(db, connectorId, cancellationToken);
        if (ConnectorStates.BlockedReason(state, now) is not null)
        {
            return DeliveryOutcome.Blocked;
        }

        // A delete makes every earlier change moot; otherwise all pending updates fold into one push of today's state.
        var lastDelete = pending.FindLastIndex(j => j.Operation == SyncOperation.Delete);
        var batch = lastDelete >= 0 ? pending.Take(lastDelete + 1).ToList() : pending;
        var operation = lastDelete >= 0 ? SyncOperation.Delete : SyncOperation.Upsert;
        if (!allowUnconfirmedDeletes && batch.Any(j => j.Operation == SyncOperation.Delete && !j.DeleteConfirmed))
        {
            // Part of a mass deletion: held until an admin confirms (POST /api/sync/confirm-deletes).
            return DeliveryOutcome.Blocked;
        }
        var idempotencyKey = batch[^1].IdempotencyKey;

        // Before the entity is read for the push: see WriteOnlyErasure.
        var erasure = operation == SyncOperation.Upsert ? await Secrets.WriteOnlyErasure.CaptureAsync(db, catalog, connectorId, type, entityId, cancellationToken) : null;
        var link = await db.VendorLinks.FirstOrDefaultAsync(l => l.ConnectorId == connectorId && l.EntityType == type && l.EntityId == entityId, cancellationToken);
        // Today's state goes out only while the entity still has settings for this connector; its delete job (if any) does the vendor side.
        var owner = SettingsOwnerKind.Of(type == SyncEntityType.User ? SettingsOwner.User : SettingsOwner.Group);
        var settings = operation == SyncOperation.Upsert ? await owner.FindAsync(db, entityId, connectorId, cancellationToken) : null;
        var request = operation == SyncOperation.Upsert && settings is null
            ? null
            : await PushEnvelope.BuildAsync(db, secrets, connectorId, type, entityId, operation, batch[^1].Snapshot, link?.VendorId, idempotencyKey, cancellationToken);
        if (request is null)
        {
            // The entity is gone or no longer assigned to this connector; its delete job (if any) does the vendor side.
            Complete(batch, now, "skipped: entity no longer exists or has no settings for this connector");
            await db.SaveChangesAsync(cancellationToken);
            return DeliveryOutcome.Skipped;
        }

        PushResult result;
        try
        {
            result = await resilience.PipelineFor(connectorId).ExecuteAsync(
                async ct => await request.SendAsync(dispatcher, connectorId, ct), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await resilience.RecordCallAsync(db, connectorId, ex, state);
            var outcome = await RecordFailureAsync(connectorId, batch, ex, now, probe);
            await db.SaveChangesAsync(CancellationToken.None);
            return outcome;
        }
        // Outside the vendor try: a failed save here is a database problem, not a vendor failure. The jobs stay
        // pending and are pushed again, which the natural-key lookup makes harmless.
        await resilience.RecordCallAsync(db, connectorId, null, state);
        if (type == SyncEntityType.User && operation == SyncOperation.Upsert && link is null)
        {
            await RequeueGroupsAsync(connectorId, now);
        }
        RecordSuccess(connectorId, type, entityId, link, operation, result, batch.Max(j => j.PayloadVersion), now);
        Complete(batch, now, null);
        if (settings is not null && result.SettingsPatch is { Count: > 0 } patch && StoreVendorValues(connectorId, owner, settings, patch))
        {
            // Audited as the connector; no new job, the vendor already has these values.
            using (origin.ActFor(connectorId))
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        else
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (erasure is not null)
        {
            await erasure.EraseAsync(db, logger);
        }
        return DeliveryOutcome.Delivered;
    }

    /// <summary>A user that just came into existence at the vendor: its groups follow (<see cref="GroupsFollowUsers"/>).</summary>
    private async Task RequeueGroupsAsync(string connectorId, DateTime now)
    {
        if (catalog.Find(connectorId)?.Description?.Manifest.Capabilities.HasFlag(Sdk.ConnectorCapabilities.PushGroup) == true)
        {
            db.SyncJobs.AddRange(await GroupsFollowUsers.JobsAsync(db, [connectorId], now, CancellationToken.None));
        }
    }

    private bool StoreVendorValues(string connectorId, SettingsOwnerKind owner, Domain.IConnectorSetting settings, System.Text.Json.Nodes.JsonObject patch)
    {
        var fields = catalog.Find(connectorId)?.Description?.Schema is { } schema ? owner.Fields(schema) : [];
        var (errors, changed) = VendorAssignedValues.Merge(settings, fields, patch);
        if (errors.Count > 0)
        {
            // The push itself succeeded; only the values the vendor reported are not kept. Field names only, never values.
            logger.LogWarning("{Connector} reported values for {Owner} {EntityId} that its schema refuses ({Fields}); they were not stored",
                connectorId, owner.Name, settings.OwnerId, string.Join(", ", errors.Select(e => e.Field)));
        }
        return changed;
    }

    private void RecordSuccess(string connectorId, SyncEntityType type, Guid entityId, VendorLink? link, SyncOperation operation, PushResult result, int version, DateTime now)
    {
        if (operation == SyncOperation.Delete)
        {
            if (link is not null)
            {
                db.VendorLinks.Remove(link);
            }
            return;
        }
        VendorLink.Record(db, link, connectorId, type, entityId, result, version, now);
    }

    private static void Complete(List<SyncJob> batch, DateTime now, string? note)
    {
        foreach (var job in batch)
        {
            job.Status = SyncJobStatus.Done;
            job.CompletedAt = now;
            job.LastError = note;
            // A delete's last known state has served its purpose; it must not outlive the user.
            job.Snapshot = null;
        }
    }

    private async Task<DeliveryOutcome> RecordFailureAsync(string connectorId, List<SyncJob> batch, Exception ex, DateTime now, bool probe)
    {
        var message = VendorFailures.Describe(ex);
        if (ex is BrokenCircuitException or IsolatedCircuitException || (probe && VendorFailures.IsOutage(ex)))
        {
            // Not the job's fault and not an attempt: it waits for the circuit to close.
            foreach (var job in batch)
            {
                job.LastError = message;
                job.NextAttemptAt = now + options.BreakerBreakDuration;
            }
            return DeliveryOutcome.Blocked;
        }
        if (ex is VendorAuthenticationException)
        {
            // Every other job would fail the same way: rest the whole connector instead of trying each one.
            await ConnectorStates.PauseAsync(db, connectorId, now + options.AuthFailurePause, message, now);
        }
        var permanent = ex is VendorRejectedException;
        var attempts = batch.Max(j => j.Attempts) + 1;
        var deadLetter = permanent || attempts >= options.MaxAttempts;
        var delay = ex is VendorAuthenticationException ? options.AuthFailurePause : RetryDelay(attempts, (ex as VendorUnavailableException)?.RetryAfter);
        foreach (var job in batch)
        {
            job.Attempts = attempts;
            job.LastError = message;
            job.NextAttemptAt = now + delay;
            if (deadLetter)
            {
                job.Status = SyncJobStatus.DeadLetter;
                job.CompletedAt = now;
            }
        }
        logger.LogWarning("Sync of {EntityType} {EntityId} to {Connector} failed (attempt {Attempt}): {Error}",
            batch[0].EntityType, batch[0].EntityId, connectorId, attempts, message);
        return deadLetter ? DeliveryOutcome.DeadLettered : DeliveryOutcome.RetryScheduled;
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped; a vendor's Retry-After wins when it asks for longer.</summary>
    internal TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var exponential = options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        var jittered = capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
