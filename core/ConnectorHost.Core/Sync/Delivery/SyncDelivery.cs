using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Delivers the pending jobs of entities to one connector: folds repeated updates of an entity into one push of its
/// current state, records the vendor id, and on failure schedules a retry (backoff with jitter, Retry-After honoured)
/// or dead-letters the jobs. A batch is read in one go (jobs, links, contexts), pushed with up to
/// <see cref="SyncOptions.MaxConcurrencyPerConnector"/> vendor calls at once and recorded in one transaction, so the
/// bookkeeping costs a few round trips per batch instead of per job. Uses its own unit of work; one entity is never
/// delivered concurrently (the batch holds the entity locks until its results are committed).
/// </summary>
public sealed class SyncDelivery(
    HostDbContext db,
    WriteQueue writes,
    IServiceScopeFactory scopes,
    IConnectorCatalog catalog,
    ConnectorResilience resilience,
    SyncOptions options,
    ChangeOrigin origin,
    Secrets.SettingsSecrets secrets,
    TimeProvider time,
    ILogger<SyncDelivery> logger)
{
    /// <param name="probe">
    /// The first call after a circuit break: delivered even when its retry is not due yet (the probe takes the oldest
    /// change, so order survives an outage), and an outage answer does not count as an attempt, so a long outage
    /// cannot dead-letter the backlog one probe at a time.
    /// </param>
    public async Task<DeliveryOutcome> DeliverAsync(string connectorId, SyncEntityType type, Guid entityId, CancellationToken cancellationToken, bool allowUnconfirmedDeletes = true, bool probe = false) =>
        (await DeliverManyAsync(connectorId, type, [entityId], cancellationToken, allowUnconfirmedDeletes, probe))[0];

    /// <summary>Delivers several entities of one type as one batch; the outcomes are in the order of <paramref name="entityIds"/>.</summary>
    /// <inheritdoc cref="DeliverAsync" path="/param"/>
    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverManyAsync(string connectorId, SyncEntityType type, IReadOnlyList<Guid> entityIds, CancellationToken cancellationToken, bool allowUnconfirmedDeletes = true, bool probe = false)
    {
        var outcomes = new DeliveryOutcome[entityIds.Count];
        using var entityLocks = await resilience.LockEntitiesAsync(connectorId, entityIds, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var ids = entityIds.Distinct().ToList();
        var pendingJobs = await db.SyncJobs
            .Where(j => j.ConnectorId == connectorId && j.EntityType == type && ids.Contains(j.EntityId) && j.Status == SyncJobStatus.Pending)
            .OrderBy(j => j.Id)
            .ToListAsync(cancellationToken);
        var items = new List<Item>();
        foreach (var entity in pendingJobs.GroupBy(j => j.EntityId))
        {
            var pending = entity.ToList();
            if (probe || pending.Max(j => j.NextAttemptAt) <= now)
            {
                items.Add(new Item(entity.Key, pending));
            }
        }
        if (items.Count == 0)
        {
            return Outcomes(entityIds, items, outcomes);
        }
        var state = await ConnectorStates.ReadAsync(db, connectorId, cancellationToken);
        if (ConnectorStates.BlockedReason(state, now) is not null)
        {
            items.ForEach(i => i.Outcome = DeliveryOutcome.Blocked);
            return Outcomes(entityIds, items, outcomes);
        }

        foreach (var item in items)
        {
            // A delete makes every earlier change moot; otherwise all pending updates fold into one push of today's state.
            var lastDelete = item.Pending.FindLastIndex(j => j.Operation == SyncOperation.Delete);
            item.Batch = lastDelete >= 0 ? item.Pending.Take(lastDelete + 1).ToList() : item.Pending;
            item.Operation = lastDelete >= 0 ? SyncOperation.Delete : SyncOperation.Upsert;
            if (!allowUnconfirmedDeletes && item.Batch.Any(j => j.Operation == SyncOperation.Delete && !j.DeleteConfirmed))
            {
                // Part of a mass deletion: held until an admin confirms (POST /api/sync/confirm-deletes).
                item.Outcome = DeliveryOutcome.Blocked;
            }
        }
        var ready = items.Where(i => i.Outcome is null).ToList();
        await PrepareAsync(connectorId, type, ready, cancellationToken);

        // Vendor calls only: nothing below touches the database until every call of the batch has ended.
        var completed = new List<Item>(ready.Count);
        var paused = 0;
        await Parallel.ForEachAsync(ready.Where(i => i.Request is not null), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrencyPerConnector), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (Volatile.Read(ref paused) != 0)
                {
                    // Refused credentials earlier in this batch: every other call would fail the same way.
                    item.Outcome = DeliveryOutcome.Blocked;
                    return;
                }
                try
                {
                    // A scope per call: plugin services (directory readers, stores) are scoped and not safe for parallel use.
                    await using var scope = scopes.CreateAsyncScope();
                    var dispatcher = scope.ServiceProvider.GetRequiredService<IConnectorDispatcher>();
                    item.Result = await resilience.PipelineFor(connectorId).ExecuteAsync(
                        async token => await item.Request!.SendAsync(dispatcher, connectorId, token), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    item.Failure = ex;
                    if (ex is VendorAuthenticationException)
                    {
                        Interlocked.Exchange(ref paused, 1);
                    }
                }
                lock (completed)
                {
                    completed.Add(item);
                }
            });

        // One transaction for the whole batch's bookkeeping (one commit instead of one per entity). A failed save here
        // is a database problem, not a vendor failure: the jobs stay pending and are pushed again, which the
        // natural-key lookup makes harmless.
        await using var transaction = await writes.BeginAsync(db, CancellationToken.None);
        foreach (var item in ready.Where(i => i.Request is null))
        {
            // The entity is gone or no longer assigned to this connector; its delete job (if any) does the vendor side.
            Complete(item.Batch, now, "skipped: entity no longer exists or has no settings for this connector");
            item.Outcome = DeliveryOutcome.Skipped;
        }
        var newAtVendor = new List<Guid>();
        var vendorValues = false;
        var schema = catalog.Find(connectorId)?.Description?.Schema;
        foreach (var item in completed)
        {
            // In the order the calls ended, so the stored circuit ends as the last answer left it.
            if (await resilience.RecordCallAsync(db, connectorId, item.Failure, state))
            {
                state = await ConnectorStates.ReadAsync(db, connectorId, CancellationToken.None);
            }
            if (item.Failure is not null)
            {
                item.Outcome = await RecordFailureAsync(connectorId, item.Batch, item.Failure, now, probe);
                continue;
            }
            if (type == SyncEntityType.User && item.Operation == SyncOperation.Upsert && item.Link is null)
            {
                newAtVendor.Add(item.EntityId);
            }
            RecordSuccess(connectorId, type, item.EntityId, item.Link, item.Operation, item.Result!, item.Batch.Max(j => j.PayloadVersion), now);
            Complete(item.Batch, now, null);
            if (item.Settings is not null && item.Result!.SettingsPatch is { Count: > 0 } patch && VendorAssignedValues.Keep(logger, connectorId, item.Settings, schema, patch))
            {
                vendorValues = true;
            }
            item.Outcome = DeliveryOutcome.Delivered;
        }
        await RequeueGroupsAsync(connectorId, newAtVendor, now);
        if (vendorValues)
        {
            // Values the vendor assigned are audited as the connector; no new job, the vendor already has them. Nothing
            // else in this save is audited (jobs, links and sync state never are).
            using (origin.ActFor(connectorId))
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        else
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        // Each in its own save after the batch's commit (see WriteOnlyErasure): a concurrent edit wins.
        foreach (var item in completed.Where(i => i.Outcome == DeliveryOutcome.Delivered && i.Erasure is not null))
        {
            await item.Erasure!.EraseAsync(db, logger);
        }
        return Outcomes(entityIds, items, outcomes);
    }

    /// <summary>Links, settings and contexts of the whole batch, a few queries whatever its size; sets each item's request.</summary>
    private async Task PrepareAsync(string connectorId, SyncEntityType type, List<Item> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }
        var ids = items.Select(i => i.EntityId).ToList();
        var links = await db.VendorLinks
            .Where(l => l.ConnectorId == connectorId && l.EntityType == type && ids.Contains(l.EntityId))
            .ToDictionaryAsync(l => l.EntityId, cancellationToken);
        // Today's state goes out only while the entity still has settings for this connector (tracked: the vendor may
        // report values to store); its delete job (if any) does the vendor side.
        var owner = OwnerOf(type);
        foreach (var item in items.Where(i => i.Operation == SyncOperation.Upsert))
        {
            item.Settings = await owner.FindAsync(db, item.EntityId, connectorId, cancellationToken);
            // Write-only secrets are sent once, then erased from the host after the push succeeded.
            item.Erasure = await Secrets.WriteOnlyErasure.CaptureAsync(db, catalog, connectorId, type, item.EntityId, cancellationToken);
        }
        var current = items.Where(i => i.Settings is not null).Select(i => i.EntityId).ToList();
        var users = type == SyncEntityType.User && current.Count > 0
            ? (await DirectoryQueries.LoadUsersAsync(db, secrets, connectorId, db.Users.Where(u => current.Contains(u.Id)), cancellationToken)).ToDictionary(u => u.User.Id)
            : [];
        var groups = type == SyncEntityType.Group && current.Count > 0
            ? await DirectoryQueries.LoadGroupsAsync(db, secrets, connectorId, current, cancellationToken)
            : [];
        // A push may upload files: the contexts that go out carry their bytes (lists elsewhere carry references only).
        await Files.FileFields.AttachContentAsync(db, [.. users.Values.Select(u => u.Settings), .. groups.Values.Select(g => g.Settings)], cancellationToken);
        foreach (var item in items)
        {
            item.Link = links.GetValueOrDefault(item.EntityId);
            var idempotencyKey = item.Batch[^1].IdempotencyKey;
            if (item.Operation == SyncOperation.Delete)
            {
                item.Request = await PushEnvelope.BuildAsync(db, secrets, connectorId, type, item.EntityId, item.Operation, item.Batch[^1].Snapshot, item.Link?.VendorId, idempotencyKey, cancellationToken);
            }
            else if (item.Settings is not null)
            {
                item.Request = type == SyncEntityType.User
                    ? users.GetValueOrDefault(item.EntityId) is { } user ? PushEnvelope.For(new PushUser(user, PushOperation.Upsert, item.Link?.VendorId, idempotencyKey)) : null
                    : groups.GetValueOrDefault(item.EntityId) is { } group ? PushEnvelope.For(new PushGroup(group, PushOperation.Upsert, item.Link?.VendorId, idempotencyKey)) : null;
            }
        }
    }

    private static SettingsOwnerKind OwnerOf(SyncEntityType type) =>
        SettingsOwnerKind.Of(type == SyncEntityType.User ? SettingsOwner.User : SettingsOwner.Group);

    private static DeliveryOutcome[] Outcomes(IReadOnlyList<Guid> entityIds, List<Item> items, DeliveryOutcome[] outcomes)
    {
        var byId = items.ToDictionary(i => i.EntityId);
        for (var i = 0; i < entityIds.Count; i++)
        {
            outcomes[i] = byId.GetValueOrDefault(entityIds[i])?.Outcome ?? DeliveryOutcome.NothingDue;
        }
        return outcomes;
    }

    /// <summary>Users that just came into existence at the vendor: the groups they are members of follow (<see cref="GroupsFollowUsers"/>).</summary>
    private async Task RequeueGroupsAsync(string connectorId, List<Guid> userIds, DateTime now)
    {
        if (userIds.Count > 0 && catalog.Find(connectorId)?.Description?.Manifest.Capabilities.HasFlag(Sdk.ConnectorCapabilities.PushGroup) == true)
        {
            db.SyncJobs.AddRange(await GroupsFollowUsers.JobsAsync(db, connectorId, userIds, now, CancellationToken.None));
        }
    }

    /// <summary>One entity of a batch on its way through delivery.</summary>
    private sealed class Item(Guid entityId, List<SyncJob> pending)
    {
        public Guid EntityId { get; } = entityId;
        public List<SyncJob> Pending { get; } = pending;
        public List<SyncJob> Batch { get; set; } = pending;
        public SyncOperation Operation { get; set; }
        public VendorLink? Link { get; set; }
        public Domain.IConnectorSetting? Settings { get; set; }
        public Secrets.WriteOnlyErasure? Erasure { get; set; }
        public PushEnvelope? Request { get; set; }
        public PushResult? Result { get; set; }
        public Exception? Failure { get; set; }
        public DeliveryOutcome? Outcome { get; set; }
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
