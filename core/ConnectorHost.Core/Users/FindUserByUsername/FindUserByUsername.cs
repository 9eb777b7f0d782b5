using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.FindUserByUsername;

/// <summary>
/// The user with exactly this username (compared as usernames are unique: normalized), or null. Unlike a search, it
/// cannot miss the user behind other matches of the same text.
/// </summary>
public sealed record FindUserByUsername(string Username) : IQuery<UserDto?>;

internal sealed class FindUserByUsernameHandler(HostDbContext db) : MediatR.IRequestHandler<FindUserByUsername, UserDto?>
{
    public async Task<UserDto?> Handle(FindUserByUsername request, CancellationToken cancellationToken)
    {
        if (UsernameKey.NormalizeOrNull(request.Username) is not { } normalized)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        return user is null ? null : UserDto.From(user);
    }
}
