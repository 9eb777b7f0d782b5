using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.RemoveUserConnectorSettings;

/// <summary>
/// Takes a user off a connector: deletes the user's settings for it, so the connector no longer sees the user
/// and the sync engine deletes the user at the vendor. The core user stays.
/// </summary>
public sealed record RemoveUserConnectorSettings(Guid UserId, string ConnectorId, VersionCondition? ExpectedVersion) : ICommand<Unit>;

internal sealed class RemoveUserConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog, PendingNotifications notifications)
    : IRequestHandler<RemoveUserConnectorSettings, Unit>
{
    public async Task<Unit> Handle(RemoveUserConnectorSettings request, CancellationToken cancellationToken)
    {
        catalog.RequireLoaded(request.ConnectorId);
        var user = await db.Users.FindAsync([request.UserId], cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        var stored = await db.UserConnectorSettings.FirstOrDefaultAsync(s => s.UserId == request.UserId && s.ConnectorId == request.ConnectorId, cancellationToken)
            ?? throw new NotFoundException("Connector settings", $"{request.ConnectorId} of user {request.UserId}");
        VersionGuard.Check("Connector settings", $"{request.ConnectorId} of user {request.UserId}", request.ExpectedVersion, stored.Version);
        db.UserConnectorSettings.Remove(stored);
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return Unit.Value;
    }
}
