using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.GetConnectorSettings;

/// <summary>One connector's settings of a user, group or role (secrets masked; version 0 when none are stored).</summary>
public sealed record GetConnectorSettings(SettingsOwner Owner, Guid OwnerId, string ConnectorId) : IQuery<ConnectorSettingsDto>;

internal sealed class GetConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog) : IRequestHandler<GetConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(GetConnectorSettings request, CancellationToken cancellationToken)
    {
        var kind = SettingsOwnerKind.Of(request.Owner);
        var fields = kind.Fields(catalog.RequireLoaded(request.ConnectorId).Schema);
        _ = await kind.FindOwnerAsync(db, request.OwnerId, cancellationToken) ?? throw new NotFoundException(kind.Name, request.OwnerId);
        var stored = await kind.FindAsync(db, request.OwnerId, request.ConnectorId, cancellationToken);
        var settings = DirectoryQueries.Parse(stored?.Json);
        return ConnectorSettingsDto.From(request.ConnectorId, request.OwnerId, fields, settings, stored?.Version ?? 0);
    }
}
