using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access;

/// <summary>Nobody can lock the host out of itself: the last enabled administrator account stays.</summary>
internal static class LastAdministrator
{
    public static async Task EnsureOtherThanAsync(HostDbContext db, Guid accountId, CancellationToken cancellationToken)
    {
        if (!await db.AdminAccounts.AnyAsync(a => a.Id != accountId && a.Role == AdminRole.Administrator && !a.Disabled, cancellationToken))
        {
            throw new ConflictException("This is the last enabled administrator account; create another administrator first.");
        }
    }
}
