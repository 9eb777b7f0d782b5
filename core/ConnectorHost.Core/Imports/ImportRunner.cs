using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Imports.UserFiles;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// Runs one import job. Fail mode and dry runs keep the whole file in one transaction (committed only when every
/// row is good; a dry run always rolls back), so a crash leaves nothing and the job simply runs again. Skip and
/// overwrite commit every batch (<see cref="BatchSize"/> rows at first, then sized to take about a second) together with the job's row count and row errors, so a crash
/// loses at most the open batch and the job resumes after the last committed row. Either way no user is ever
/// half-written: a batch's new users are saved together, every other row is a savepoint of its batch. Memory stays
/// bounded: one batch of rows and tracked entities at a time (plus a digest per username for in-file repeats).
/// </summary>
internal sealed class ImportRunner(HostDbContext db, WriteQueue writes, ImportRowWriter writer, Savepoints savepoints, PendingNotifications notifications, IConnectorDispatcher dispatcher,
    IConnectorCatalog catalog, FieldOptionsCache optionLists, ChangeOrigin origin, ImportProgress progress, ImportFiles files, TimeProvider time, ILogger<ImportRunner> logger) : IImportRunner
{
    /// <summary>Rows of the first batch; later batches grow to <see cref="MaxBatchSize"/> while a batch takes under a second, and shrink when one takes longer.</summary>
    public const int BatchSize = 1000;

    public const int MaxBatchSize = 5000;

    private const int MinBatchSize = 100;

    public Action<ImportProgress.Counters>? OnProgress { get; set; }

    public async Task<bool> RunAsync(Guid jobId, bool resume, CancellationToken cancellationToken)
    {
        // Claimed atomically, so a CLI import and a running server's worker never both run one job.
        var claimed = await db.ImportJobs
            .Where(j => j.Id == jobId && (j.State == ImportJobStates.Queued || (resume && j.State == ImportJobStates.Running)))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobStates.Running), cancellationToken);
        var job = claimed == 0 ? null : await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return false;
        }
        var atomic = job.DryRun || job.Mode == ImportMode.Fail;
        if (atomic && job.RowsDone > 0)
        {
            // An all-or-nothing job that was interrupted wrote nothing: it starts over.
            job.RowsDone = job.Created = job.Updated = job.Unchanged = job.Skipped = 0;
        }
        job.State = ImportJobStates.Running;
        job.Attempts++;
        job.StartedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var counters = progress.Start(job.Id);
        counters.ElapsedSecondsBefore = job.ElapsedSeconds;
        counters.RowsDone = job.RowsDone;
        (counters.Created, counters.Updated, counters.Unchanged, counters.Skipped) = (job.Created, job.Updated, job.Unchanged, job.Skipped);
        origin.Actor = $"{job.Actor} (import {job.Id})";
        string state;
        string? message = null;
        List<ImportRowResult> atomicErrors = [];
        try
        {
            (state, message) = await RunRowsAsync(job, atomic, counters, atomicErrors, cancellationToken);
        }
        catch (UserFileException e)
        {
            (state, message) = (ImportJobStates.Failed, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the job stays running and is picked up again at the next start.
            progress.End(job.Id);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {JobId} failed", job.Id);
            (state, message) = (ImportJobStates.Failed, $"The import stopped with an unexpected error: {e.Message}");
        }
        finally
        {
            origin.Actor = null;
        }
        await FinishAsync(job.Id, state, message, counters, atomic, atomicErrors, cancellationToken);
        progress.End(job.Id);
        return true;
    }

    private async Task<(string State, string? Message)> RunRowsAsync(ImportJob job, bool atomic, ImportProgress.Counters counters, List<ImportRowResult> atomicErrors, CancellationToken cancellationToken)
    {
        var layout = UserFileLayout.For(catalog, job.Format);
        await RefreshOptionListsAsync(cancellationToken);
        int total;
        using (var counting = new UserFileReader(job.FilePath, layout))
        {
            total = counting.Rows().Count();
        }
        counters.RowsTotal = total;
        if (layout.MaxRowsPerFile is { } max && total > max)
        {
            throw new UserFileException($"Format '{layout.Format}' allows at most {max} rows per file; this file has {total}. Split it into smaller files.");
        }
        await db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.RowsTotal, total), cancellationToken);

        var seen = new InFileUsernames();
        var usernameColumn = layout.Columns.Select((c, i) => (c, i)).First(x => x.c.Core == Sdk.Bulk.CoreColumn.Username).i;
        using var reader = new UserFileReader(job.FilePath, layout);
        using var rows = reader.Rows().GetEnumerator();
        var index = 0;
        var batch = new List<BatchRow>(BatchSize);
        var batchSize = BatchSize;
        var batchErrors = new List<ImportRowResult>();
        var transaction = await writes.BeginAsync(db, cancellationToken);
        try
        {
            while (true)
            {
                // One batch of rows in memory at a time; the rows before a resumed job's last commit are only read.
                batch.Clear();
                while (batch.Count < batchSize && rows.MoveNext())
                {
                    var row = rows.Current;
                    index++;
                    var username = row.Cells[usernameColumn]?.Trim() ?? "";
                    var normalized = username.Length > 0 ? UsernameKey.NormalizeOrNull(username) : null;
                    var earlier = normalized is null ? null : seen.FirstRowOf(normalized, row.Row);
                    if (index > job.RowsDone)
                    {
                        batch.Add(new BatchRow(index, row, username, normalized, earlier));
                    }
                }
                if (batch.Count == 0)
                {
                    break;
                }
                var started = time.GetTimestamp();
                var results = await WriteBatchAsync(job, layout, usernameColumn, batch, counters, cancellationToken);
                // A commit costs the same for 100 rows as for 5,000; a long batch holds the write lock (and keeps a
                // cancel waiting) for long: aim at about a second per batch.
                var seconds = time.GetElapsedTime(started).TotalSeconds;
                batchSize = seconds < 0.5 ? Math.Min(MaxBatchSize, batchSize * 2) : seconds > 2 ? Math.Max(MinBatchSize, batchSize / 2) : batchSize;
                (atomic ? atomicErrors : batchErrors).AddRange(results);
                if (atomic)
                {
                    // Everything so far is saved inside the open transaction; the tracker need not remember it.
                    db.ChangeTracker.Clear();
                    if (job.DryRun)
                    {
                        notifications.Clear();
                    }
                }
                else
                {
                    await CommitBatchAsync(job.Id, counters, batchErrors, transaction, cancellationToken);
                    batchErrors.Clear();
                    transaction = await writes.BeginAsync(db, cancellationToken);
                }
                if (counters.CancelRequested || await CancelRequestedAsync(job.Id, cancellationToken))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    transaction = null;
                    db.ChangeTracker.Clear();
                    notifications.Clear();
                    return (ImportJobStates.Cancelled, atomic ? "Cancelled; nothing was imported." : $"Cancelled after {counters.RowsDone} of {total} rows; the rows before stay imported.");
                }
            }
            if (!atomic)
            {
                await CommitBatchAsync(job.Id, counters, batchErrors, transaction, cancellationToken);
                transaction = null;
                return counters.Skipped == 0 ? (ImportJobStates.Succeeded, null) : (ImportJobStates.Succeeded, $"{counters.Skipped} row(s) were not imported; see the row report.");
            }
            if (job.DryRun || atomicErrors.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                transaction = null;
                db.ChangeTracker.Clear();
                notifications.Clear();
                return job.DryRun
                    ? (ImportJobStates.Succeeded, "Dry run: nothing was written.")
                    : (ImportJobStates.Failed, $"{counters.Skipped} of {total} row(s) have errors; nothing was imported. Fix them, or import with mode 'skip'.");
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            transaction = null;
            await PublishAsync();
            return (ImportJobStates.Succeeded, null);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                notifications.Clear();
            }
        }
    }

    private sealed record BatchRow(int Index, UserFileRow Row, string Username, string? Normalized, int? EarlierRow);

    /// <summary>
    /// Writes one batch inside a savepoint of the open transaction: new users from core columns go in together
    /// (see <see cref="ImportRowWriter"/>). If that save is refused (a user created through the API meanwhile took a
    /// username), the batch is rolled back to its savepoint and written again row by row, so only that row fails.
    /// </summary>
    private async Task<List<ImportRowResult>> WriteBatchAsync(ImportJob job, UserFileLayout layout, int usernameColumn, List<BatchRow> batch, ImportProgress.Counters counters,
        CancellationToken cancellationToken)
    {
        var before = (counters.RowsDone, counters.Created, counters.Updated, counters.Unchanged, counters.Skipped);
        try
        {
            return await savepoints.RunAsync(async () =>
            {
                var results = await WriteRowsAsync(job, layout, usernameColumn, batch, counters, await StoredUsersAsync(batch, cancellationToken), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                return results;
            }, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            // The savepoint rolled the database, the context and the notifications back; the batch and counters go too.
            logger.LogInformation("Import {JobId}: batch save refused ({Error}); writing its rows one by one", job.Id, e.InnerException?.Message ?? e.Message);
            writer.Forget();
            (counters.RowsDone, counters.Created, counters.Updated, counters.Unchanged, counters.Skipped) = before;
            return await WriteRowsAsync(job, layout, usernameColumn, batch, counters, null, cancellationToken);
        }
    }

    private async Task<List<ImportRowResult>> WriteRowsAsync(ImportJob job, UserFileLayout layout, int usernameColumn, List<BatchRow> batch, ImportProgress.Counters counters,
        IReadOnlyDictionary<string, User>? storedUsers, CancellationToken cancellationToken)
    {
        var results = new List<ImportRowResult>();
        foreach (var item in batch)
        {
            var (outcome, errors) = item.EarlierRow is { } previous
                ? (RowOutcome.Failed, (IReadOnlyList<RowError>)[new RowError(layout.Columns[usernameColumn].Header, $"Username '{item.Username}' is already in row {previous} of this file.")])
                : await writer.WriteAsync(layout, item.Row, job.Mode, storedUsers, cancellationToken);
            Count(counters, outcome);
            results.AddRange(errors.Select(e => new ImportRowResult { JobId = job.Id, Row = item.Row.Row, Username = item.Username.Length > 0 ? item.Username : null, Column = e.Column, Message = e.Message }));
            counters.RowsDone = item.Index;
            OnProgress?.Invoke(counters);
        }
        return results;
    }

    /// <summary>The stored users the batch names, read in one query (the batch path's uniqueness check against the database).</summary>
    private async Task<IReadOnlyDictionary<string, User>> StoredUsersAsync(List<BatchRow> batch, CancellationToken cancellationToken)
    {
        var names = batch.Where(b => b.Normalized is not null).Select(b => b.Normalized!).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUsername)).ToDictionaryAsync(u => u.NormalizedUsername, StringComparer.Ordinal, cancellationToken);
    }

    private async Task CommitBatchAsync(Guid jobId, ImportProgress.Counters counters, List<ImportRowResult> errors, WriteTransaction transaction, CancellationToken cancellationToken)
    {
        db.ImportRowResults.AddRange(errors);
        await db.SaveChangesAsync(cancellationToken);
        // The row count moves in the same transaction as the rows: a resumed job starts exactly after them.
        await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.RowsDone, counters.RowsDone)
            .SetProperty(j => j.Created, counters.Created)
            .SetProperty(j => j.Updated, counters.Updated)
            .SetProperty(j => j.Unchanged, counters.Unchanged)
            .SetProperty(j => j.Skipped, counters.Skipped)
            .SetProperty(j => j.ElapsedSeconds, counters.ElapsedSecondsBefore + counters.Watch.Elapsed.TotalSeconds), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await PublishAsync();
    }

    private async Task PublishAsync()
    {
        await dispatcher.PublishAllAsync(notifications.Drain(), CancellationToken.None);
    }

    private async Task<bool> CancelRequestedAsync(Guid jobId, CancellationToken cancellationToken) =>
        await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.CancelRequested).FirstAsync(cancellationToken);

    private async Task FinishAsync(Guid jobId, string state, string? message, ImportProgress.Counters counters, bool atomic, List<ImportRowResult> atomicErrors, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstAsync(j => j.Id == jobId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (atomic)
        {
            job.RowsDone = counters.RowsDone;
            (job.Created, job.Updated, job.Unchanged, job.Skipped) = state != ImportJobStates.Succeeded ? (0, 0, 0, counters.Skipped) : (counters.Created, counters.Updated, counters.Unchanged, counters.Skipped);
            db.ImportRowResults.AddRange(atomicErrors);
        }
        else if (state == ImportJobStates.Failed && counters.RowsDone == 0)
        {
            job.RowsDone = 0;
        }
        job.RowsTotal ??= counters.RowsTotal;
        job.State = state;
        job.Message = message;
        job.FinishedAt = now;
        job.ElapsedSeconds = counters.ElapsedSecondsBefore + counters.Watch.Elapsed.TotalSeconds;
        // One audit entry per job; the users it changed have their own entries with the job in the actor.
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = job.Actor,
            Action = job.DryRun ? "import-dry-run" : "import",
            EntityType = nameof(ImportJob),
            EntityId = job.Id.ToString(),
            After = System.Text.Json.JsonSerializer.Serialize(new
            {
                job.State, job.Mode, job.DryRun, job.Format, job.FileName, job.RowsTotal, job.RowsDone,
                job.Created, job.Updated, job.Unchanged, job.Skipped, job.Message,
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (job.FilePath.StartsWith(files.Folder, StringComparison.Ordinal))
        {
            ImportFiles.Delete(job.FilePath);
        }
    }

    private static void Count(ImportProgress.Counters counters, RowOutcome outcome)
    {
        switch (outcome)
        {
            case RowOutcome.Created: counters.Created++; break;
            case RowOutcome.Updated: counters.Updated++; break;
            case RowOutcome.Unchanged: counters.Unchanged++; break;
            default: counters.Skipped++; break;
        }
    }

    /// <summary>Option lists are fetched before the transaction opens (rows only read the cache), as for a single PUT.</summary>
    private async Task RefreshOptionListsAsync(CancellationToken cancellationToken)
    {
        foreach (var connector in catalog.All.Where(c => c is { Status: ConnectorStatus.Loaded, Description: not null }))
        {
            foreach (var field in connector.Description!.Schema.User.Where(f => f.OptionsFromConnector))
            {
                await optionLists.GetAsync(dispatcher, connector.Id, field, cancellationToken);
            }
        }
    }
}
