using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.AuthenticateApiKey;

/// <summary>
/// The key a request presents, or null when unknown or revoked. A query (no write lock per request); the last-use
/// time is written by <see cref="TouchApiKey"/> only when it is more than a minute old.
/// </summary>
public sealed record AuthenticateApiKey(string Key) : IQuery<ApiKeyDto?>
{
    public override string ToString() => "AuthenticateApiKey { }";
}

/// <summary>Records that a key was used now.</summary>
public sealed record TouchApiKey(Guid Id) : ICommand<bool>;

internal sealed class AuthenticateApiKeyHandler(HostDbContext db) : MediatR.IRequestHandler<AuthenticateApiKey, ApiKeyDto?>
{
    public async Task<ApiKeyDto?> Handle(AuthenticateApiKey request, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecrets.Hash(request.Key);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        return key is null ? null : ApiKeyDto.From(key);
    }
}

internal sealed class TouchApiKeyHandler(HostDbContext db, TimeProvider time) : MediatR.IRequestHandler<TouchApiKey, bool>
{
    public async Task<bool> Handle(TouchApiKey request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FindAsync([request.Id], cancellationToken);
        if (key is null)
        {
            return false;
        }
        key.LastUsedAt = time.GetUtcNow().UtcDateTime;
        return true;
    }
}
