using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.ListApiKeys;

/// <summary>
/// Every API key (revoked ones too, with when), by name; never the keys themselves. The last use includes uses not
/// yet written (<see cref="ApiKeyUses"/>).
/// </summary>
public sealed record ListApiKeys : IQuery<IReadOnlyList<ApiKeyDto>>;

internal sealed class ListApiKeysHandler(HostDbContext db, ApiKeyUses uses) : MediatR.IRequestHandler<ListApiKeys, IReadOnlyList<ApiKeyDto>>
{
    public async Task<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeys request, CancellationToken cancellationToken) =>
        (await db.ApiKeys.AsNoTracking().OrderBy(k => k.NormalizedName).ToListAsync(cancellationToken))
            .Select(ApiKeyDto.From)
            .Select(k => k with { LastUsedAt = uses.LastUseOf(k.Id, k.LastUsedAt) })
            .ToList();
}
