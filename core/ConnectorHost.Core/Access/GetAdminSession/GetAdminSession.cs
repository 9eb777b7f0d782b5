using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.GetAdminSession;

/// <summary>
/// The account behind a session, or null when the session no longer holds: the account is gone or disabled, or its
/// password, role or state changed since the session began (<see cref="SecurityStamp"/> differs).
/// </summary>
public sealed record GetAdminSession(Guid AccountId, string SecurityStamp) : IQuery<AdminAccountDto?>;

internal sealed class GetAdminSessionHandler(HostDbContext db) : MediatR.IRequestHandler<GetAdminSession, AdminAccountDto?>
{
    public async Task<AdminAccountDto?> Handle(GetAdminSession request, CancellationToken cancellationToken)
    {
        var account = await db.AdminAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AccountId, cancellationToken);
        return account is { Disabled: false } && account.SecurityStamp == request.SecurityStamp ? AdminAccountDto.From(account) : null;
    }
}
