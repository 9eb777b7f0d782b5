using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Reads and writes <see cref="ConnectorSyncState"/>. Writes are single-statement upserts of the columns they own,
/// so a circuit change and a credentials pause never overwrite each other, and they join the caller's
/// transaction when there is one.
/// </summary>
public static class ConnectorStates
{
    public static Task<ConnectorSyncState?> ReadAsync(HostDbContext db, string connectorId, CancellationToken cancellationToken) =>
        db.ConnectorSyncStates.AsNoTracking().FirstOrDefaultAsync(s => s.ConnectorId == connectorId, cancellationToken);

    /// <summary>
    /// The circuit as a reader should see it now. Only Closed and Open are stored; half-open is derived: an open
    /// circuit whose break is over waits for its probe.
    /// </summary>
    public static string CircuitOf(ConnectorSyncState? state, DateTime now) => state?.Circuit switch
    {
        CircuitStates.Open when state.CircuitOpenUntil > now => CircuitStates.Open,
        CircuitStates.Open => CircuitStates.HalfOpen,
        _ => CircuitStates.Closed,
    };

    /// <summary>Null when the connector may be called now, else why not.</summary>
    public static string? BlockedReason(ConnectorSyncState? state, DateTime now)
    {
        if (state?.PausedUntil is { } until && until > now)
        {
            return $"{state.PauseReason} Paused until {until:u}.";
        }
        return CircuitOf(state, now) == CircuitStates.Open
            ? $"Circuit open: the vendor failed too often; the next call probes it at {state!.CircuitOpenUntil:u}."
            : null;
    }

    public static Task PauseAsync(HostDbContext db, string connectorId, DateTime until, string reason, DateTime now) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ConnectorSyncStates" ("ConnectorId", "Circuit", "PausedUntil", "PauseReason", "ChangedAt")
            VALUES ({connectorId}, {CircuitStates.Closed}, {until}, {reason}, {now})
            ON CONFLICT ("ConnectorId") DO UPDATE SET "PausedUntil" = excluded."PausedUntil", "PauseReason" = excluded."PauseReason", "ChangedAt" = excluded."ChangedAt"
            """);

    public static Task ClearPauseAsync(HostDbContext db, string connectorId, DateTime now) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ConnectorSyncStates" SET "PausedUntil" = NULL, "PauseReason" = NULL, "ChangedAt" = {now}
            WHERE "ConnectorId" = {connectorId} AND "PausedUntil" IS NOT NULL
            """);

    public static Task SetCircuitAsync(HostDbContext db, string connectorId, string circuit, DateTime? openUntil, DateTime now) =>
        openUntil is { } until
            ? db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ConnectorSyncStates" ("ConnectorId", "Circuit", "CircuitOpenUntil", "ChangedAt")
                VALUES ({connectorId}, {circuit}, {until}, {now})
                ON CONFLICT ("ConnectorId") DO UPDATE SET "Circuit" = excluded."Circuit", "CircuitOpenUntil" = excluded."CircuitOpenUntil", "ChangedAt" = excluded."ChangedAt"
                """)
            : db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ConnectorSyncStates" ("ConnectorId", "Circuit", "ChangedAt")
                VALUES ({connectorId}, {circuit}, {now})
                ON CONFLICT ("ConnectorId") DO UPDATE SET "Circuit" = excluded."Circuit", "CircuitOpenUntil" = NULL, "ChangedAt" = excluded."ChangedAt"
                """);
}
