using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConnectorHost.Core.Pipeline;

/// <summary>
/// Runs a piece of work as all-or-nothing inside the current transaction (a nested command, one row of a
/// connector's import). On failure the database goes back to the savepoint, and so do the change tracker and the
/// pending notifications: rows saved inside the savepoint are forgotten (their rows are gone), rows changed inside
/// it are reloaded, and changes pending from before the savepoint are pending again. Without a transaction the
/// work just runs.
/// </summary>
public sealed class Savepoints(HostDbContext db, PendingNotifications notifications)
{
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
        {
            return await work();
        }
        var name = $"sp{Guid.NewGuid():N}";
        var pendingBefore = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToDictionary(e => e.Entity, e => e.State, ReferenceEqualityComparer.Instance);
        var notificationMark = notifications.Count;
        var saved = new List<(EntityEntry Entry, EntityState Was)>();
        void OnStateChanged(object? sender, EntityStateChangedEventArgs e)
        {
            // A save accepts changes: Added/Modified become Unchanged, Deleted becomes Detached.
            if (e.OldState is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.NewState is EntityState.Unchanged or EntityState.Detached)
            {
                saved.Add((e.Entry, e.OldState));
            }
        }

        await transaction.CreateSavepointAsync(name, cancellationToken);
        db.ChangeTracker.StateChanged += OnStateChanged;
        try
        {
            var result = await work();
            await transaction.ReleaseSavepointAsync(name, cancellationToken);
            return result;
        }
        catch
        {
            db.ChangeTracker.StateChanged -= OnStateChanged;
            await transaction.RollbackToSavepointAsync(name, CancellationToken.None);
            await ForgetAsync(saved, pendingBefore);
            notifications.TruncateTo(notificationMark);
            throw;
        }
        finally
        {
            db.ChangeTracker.StateChanged -= OnStateChanged;
        }
    }

    private async Task ForgetAsync(List<(EntityEntry Entry, EntityState Was)> saved, Dictionary<object, EntityState> pendingBefore)
    {
        // Changes pending now that did not exist before the savepoint were never saved: drop or reload them.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged && !pendingBefore.ContainsKey(e.Entity)).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                await entry.ReloadAsync(CancellationToken.None);
            }
        }
        // Rows saved inside the savepoint are rolled back: an insert is gone, an update is undone, a delete is back.
        foreach (var (entry, was) in saved)
        {
            if (pendingBefore.ContainsKey(entry.Entity))
            {
                continue;
            }
            if (was == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else if (was == EntityState.Modified && entry.State != EntityState.Detached)
            {
                await entry.ReloadAsync(CancellationToken.None);
            }
        }
        // What the caller had pending before the savepoint is pending again (a save inside may have flushed it).
        foreach (var (entity, state) in pendingBefore)
        {
            var entry = db.Entry(entity);
            if (entry.State != state)
            {
                entry.State = state;
            }
        }
    }
}
