using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Memberships;

internal static class MembershipTargets
{
    public static async Task RequireAsync<T>(DbSet<T> set, string entity, Guid id, CancellationToken cancellationToken) where T : class
    {
        if (await set.FindAsync([id], cancellationToken) is null)
        {
            throw new NotFoundException(entity, id);
        }
    }
}
