using ConnectorHost.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConnectorHost.Core.Access;

/// <summary>
/// What the audit leaves out of admin accounts and API keys: their hashes (masked) and the counters every sign-in or
/// key use moves (failed attempts, lockout, last use), which would otherwise bury real changes under one row per request.
/// </summary>
internal static class AccessBookkeeping
{
    private static readonly HashSet<string> Counters =
    [
        nameof(AdminAccount.FailedSignIns), nameof(AdminAccount.LockedUntil), nameof(AdminAccount.LastSignInAt), nameof(ApiKey.LastUsedAt),
    ];

    public static bool IsHash(string property) => property is nameof(AdminAccount.PasswordHash) or nameof(ApiKey.KeyHash);

    public static bool OnlyBookkeeping(EntityEntry entry) =>
        entry is { Entity: AdminAccount or ApiKey, State: EntityState.Modified }
        && entry.Properties.Where(p => p.IsModified).All(p => Counters.Contains(p.Metadata.Name));
}
