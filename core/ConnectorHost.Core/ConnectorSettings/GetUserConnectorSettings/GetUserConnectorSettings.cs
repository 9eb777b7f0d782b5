using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.GetUserConnectorSettings;

public sealed record GetUserConnectorSettings(Guid UserId, string ConnectorId) : IQuery<ConnectorSettingsDto>;

internal sealed class GetUserConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog) : IRequestHandler<GetUserConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(GetUserConnectorSettings request, CancellationToken cancellationToken)
    {
        var schema = catalog.RequireLoaded(request.ConnectorId).Schema;
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            throw new NotFoundException("User", request.UserId);
        }
        var stored = await db.UserConnectorSettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.UserId == request.UserId && s.ConnectorId == request.ConnectorId, cancellationToken);
        var settings = DirectoryQueries.Parse(stored?.Json);
        return ConnectorSettingsDto.From(request.ConnectorId, request.UserId, schema.User, settings, stored?.Version ?? 0);
    }
}
