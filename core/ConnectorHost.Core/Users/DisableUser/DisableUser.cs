using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;

namespace ConnectorHost.Core.Users.DisableUser;

/// <summary>Disables a user (or enables it again with <see cref="Disabled"/> = false); connectors see Enabled change.</summary>
public sealed record DisableUser(Guid Id, VersionCondition? ExpectedVersion, bool Disabled = true) : ICommand<UserDto>;

internal sealed class DisableUserHandler(HostDbContext db, PendingNotifications notifications, CoreChangeCheck connectors)
    : MediatR.IRequestHandler<DisableUser, UserDto>
{
    public async Task<UserDto> Handle(DisableUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("User", request.Id);
        VersionGuard.Check("User", request.Id, request.ExpectedVersion, user.Version);
        if (user.Enabled == !request.Disabled)
        {
            return UserDto.From(user);
        }
        user.Enabled = !request.Disabled;
        user.MarkChanged();
        await connectors.CheckAsync([user.Id], before: null, cancellationToken);
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return UserDto.From(user);
    }
}
