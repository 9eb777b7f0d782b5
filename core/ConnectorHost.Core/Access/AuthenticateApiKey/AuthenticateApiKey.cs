using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.AuthenticateApiKey;

/// <summary>
/// The key a request presents, or null when unknown or revoked. A query (no write lock per request); the last-use
/// time is recorded in <see cref="ApiKeyUses"/> and written later by <see cref="TouchApiKeys"/>.
/// </summary>
public sealed record AuthenticateApiKey(string Key) : IQuery<ApiKeyDto?>
{
    public override string ToString() => "AuthenticateApiKey { }";
}

/// <summary>Writes recorded last-use times (keys deleted meanwhile are skipped); returns how many were written.</summary>
public sealed record TouchApiKeys(IReadOnlyList<KeyValuePair<Guid, DateTime>> Uses) : ICommand<int>;

internal sealed class AuthenticateApiKeyHandler(HostDbContext db) : MediatR.IRequestHandler<AuthenticateApiKey, ApiKeyDto?>
{
    // Runs on every request that presents a key: compiled once, so each call skips EF's expression funcletizing and
    // query-cache lookup.
    private static readonly Func<HostDbContext, string, CancellationToken, Task<Domain.ApiKey?>> FindUnrevoked =
        EF.CompileAsyncQuery((HostDbContext db, string hash, CancellationToken _) => db.ApiKeys.AsNoTracking().FirstOrDefault(k => k.KeyHash == hash && k.RevokedAt == null));

    public async Task<ApiKeyDto?> Handle(AuthenticateApiKey request, CancellationToken cancellationToken)
    {
        var key = await FindUnrevoked(db, ApiKeySecrets.Hash(request.Key), cancellationToken);
        return key is null ? null : ApiKeyDto.From(key);
    }
}

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
