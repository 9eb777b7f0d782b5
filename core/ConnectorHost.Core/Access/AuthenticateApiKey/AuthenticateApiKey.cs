using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.AuthenticateApiKey;

/// <summary>
/// Finds the key a request presents: null when unknown or revoked. A read (no write lock per request); the last-use time
/// is recorded in <see cref="ApiKeyUses"/> and written later by <see cref="TouchApiKeys"/>. Not a MediatR query: it runs
/// before every keyed API request, and the pipeline (four behaviours and their dependencies resolved per call, for a
/// read that needs no validation, option lists or transaction) cost more than the indexed lookup itself.
/// </summary>
public sealed class ApiKeyAuthenticator(HostDbContext db)
{
    // Compiled once, so each call skips EF's expression funcletizing and query-cache lookup.
    private static readonly Func<HostDbContext, string, CancellationToken, Task<Domain.ApiKey?>> FindUnrevoked =
        EF.CompileAsyncQuery((HostDbContext db, string hash, CancellationToken _) => db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.KeyHash == hash && k.RevokedAt == null));

    /// <summary>The key <paramref name="key"/> (the bearer value as sent), or null when unknown or revoked.</summary>
    public async Task<ApiKeyDto?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var found = await FindUnrevoked(db, ApiKeySecrets.Hash(key), cancellationToken);
        return found is null ? null : ApiKeyDto.From(found);
    }
}

/// <summary>Writes recorded last-use times (keys deleted meanwhile are skipped); returns how many were written.</summary>
public sealed record TouchApiKeys(IReadOnlyList<KeyValuePair<Guid, DateTime>> Uses) : ICommand<int>;

internal sealed class TouchApiKeysHandler(HostDbContext db) : MediatR.IRequestHandler<TouchApiKeys, int>
{
    public async Task<int> Handle(TouchApiKeys request, CancellationToken cancellationToken)
    {
        var uses = request.Uses.ToDictionary(u => u.Key, u => u.Value);
        var ids = uses.Keys.ToList();
        var keys = await db.ApiKeys.Where(k => ids.Contains(k.Id)).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            key.LastUsedAt = ApiKeyUses.Latest(key.LastUsedAt, uses[key.Id]);
        }
        return keys.Count;
    }
}
