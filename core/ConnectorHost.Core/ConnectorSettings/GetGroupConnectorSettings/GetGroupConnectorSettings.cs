using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.GetGroupConnectorSettings;

public sealed record GetGroupConnectorSettings(Guid GroupId, string ConnectorId) : IQuery<ConnectorSettingsDto>;

internal sealed class GetGroupConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog) : IRequestHandler<GetGroupConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(GetGroupConnectorSettings request, CancellationToken cancellationToken)
    {
        var schema = catalog.RequireLoaded(request.ConnectorId).Schema;
        if (!await db.Groups.AnyAsync(g => g.Id == request.GroupId, cancellationToken))
        {
            throw new NotFoundException("Group", request.GroupId);
        }
        var stored = await db.GroupConnectorSettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.GroupId == request.GroupId && s.ConnectorId == request.ConnectorId, cancellationToken);
        var settings = DirectoryQueries.Parse(stored?.Json);
        return ConnectorSettingsDto.From(request.ConnectorId, request.GroupId, schema.Group, settings, stored?.Version ?? 0);
    }
}
