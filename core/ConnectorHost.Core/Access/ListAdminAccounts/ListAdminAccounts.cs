using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.ListAdminAccounts;

/// <summary>Every admin account, by username.</summary>
public sealed record ListAdminAccounts : IQuery<IReadOnlyList<AdminAccountDto>>;

internal sealed class ListAdminAccountsHandler(HostDbContext db) : MediatR.IRequestHandler<ListAdminAccounts, IReadOnlyList<AdminAccountDto>>
{
    public async Task<IReadOnlyList<AdminAccountDto>> Handle(ListAdminAccounts request, CancellationToken cancellationToken) =>
        (await db.AdminAccounts.AsNoTracking().OrderBy(a => a.NormalizedUsername).ToListAsync(cancellationToken)).Select(AdminAccountDto.From).ToList();
}
