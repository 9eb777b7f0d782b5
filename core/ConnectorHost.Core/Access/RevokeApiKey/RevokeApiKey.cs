using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;

namespace ConnectorHost.Core.Access.RevokeApiKey;

/// <summary>Revokes an API key at once; the row stays (name, last use) for the record.</summary>
public sealed record RevokeApiKey(Guid Id) : ICommand<ApiKeyDto>;

internal sealed class RevokeApiKeyHandler(HostDbContext db, TimeProvider time) : MediatR.IRequestHandler<RevokeApiKey, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("API key", request.Id);
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        return ApiKeyDto.From(key);
    }
}
