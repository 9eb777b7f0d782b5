using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.PreviewUser;

/// <summary>Shows how a connector would represent a user at the vendor, without sending anything.</summary>
public sealed record PreviewUser(Guid UserId, string ConnectorId) : IQuery<Projection>;

internal sealed class PreviewUserHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher) : IRequestHandler<PreviewUser, Projection>
{
    public async Task<Projection> Handle(PreviewUser request, CancellationToken cancellationToken)
    {
        catalog.RequireLoaded(request.ConnectorId, ConnectorCapabilities.ProjectUser);
        var context = await DirectoryQueries.LoadUserAsync(db, secrets, request.ConnectorId, request.UserId, cancellationToken)
            ?? throw new NotFoundException("User", request.UserId);
        return await dispatcher.SendAsync(request.ConnectorId, new ProjectUser(context), cancellationToken);
    }
}
