using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.RemoveConnectorSettings;

/// <summary>
/// Takes a user, group or role off a connector: deletes its settings for it. A user or group is then deleted at
/// the vendor by the sync engine (the core record stays); a role's holders are pushed again without its settings.
/// </summary>
public sealed record RemoveConnectorSettings(SettingsOwner Owner, Guid OwnerId, string ConnectorId, VersionCondition? ExpectedVersion) : ICommand<Unit>;

internal sealed class RemoveConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog, PendingNotifications notifications)
    : IRequestHandler<RemoveConnectorSettings, Unit>
{
    public async Task<Unit> Handle(RemoveConnectorSettings request, CancellationToken cancellationToken)
    {
        var kind = SettingsOwnerKind.Of(request.Owner);
        catalog.RequireLoaded(request.ConnectorId);
        var owner = await kind.FindOwnerAsync(db, request.OwnerId, cancellationToken) ?? throw new NotFoundException(kind.Name, request.OwnerId);
        var what = $"{request.ConnectorId} of {kind.Name.ToLowerInvariant()} {request.OwnerId}";
        var stored = await kind.FindAsync(db, request.OwnerId, request.ConnectorId, cancellationToken)
            ?? throw new NotFoundException("Connector settings", what);
        VersionGuard.Check("Connector settings", what, request.ExpectedVersion, stored.Version);
        db.Remove(stored);
        notifications.Add(kind.Changed(owner));
        return Unit.Value;
    }
}
