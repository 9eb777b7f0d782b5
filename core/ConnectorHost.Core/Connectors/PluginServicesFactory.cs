using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using MediatR;

namespace ConnectorHost.Core.Connectors;

/// <summary>Creates <see cref="PluginServices"/> for a connector from the current request scope.</summary>
public sealed class PluginServicesFactory(HostDbContext db, IMediator mediator, Savepoints savepoints, Secrets.SettingsSecrets secrets)
{
    public PluginServices Create(string connectorId)
    {
        var directory = new ConnectorDirectory(db, mediator, savepoints, secrets, connectorId);
        return new PluginServices(directory, directory, new ConnectorDocumentStore(db, connectorId));
    }
}
