using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.RenameUser;

public sealed record RenameUser(Guid Id, VersionCondition? ExpectedVersion, string Username) : ICommand<UserDto>;

internal sealed class RenameUserValidator : AbstractValidator<RenameUser>
{
    public RenameUserValidator() => RuleFor(x => x.Username).ValidUsername();
}

internal sealed class RenameUserHandler(HostDbContext db, PendingNotifications notifications, CoreChangeCheck connectors)
    : MediatR.IRequestHandler<RenameUser, UserDto>
{
    public async Task<UserDto> Handle(RenameUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("User", request.Id);
        VersionGuard.Check("User", request.Id, request.ExpectedVersion, user.Version);
        var normalized = UsernameKey.Normalize(request.Username);
        if (normalized != user.NormalizedUsername
            && await db.Users.AnyAsync(u => u.NormalizedUsername == normalized && u.Id != user.Id, cancellationToken))
        {
            throw new ConflictException($"Username '{request.Username.Trim()}' is already taken.", [new("username", "Username is already taken.")]);
        }
        user.Username = UsernameKey.Canonical(request.Username);
        user.NormalizedUsername = normalized;
        user.MarkChanged();
        await connectors.CheckAsync([user.Id], before: null, cancellationToken);
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return UserDto.From(user);
    }
}
