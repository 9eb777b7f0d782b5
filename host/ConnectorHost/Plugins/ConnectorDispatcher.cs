using Autofac;
using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Sdk.Hosting;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Plugins;

/// <summary>
/// Sends SDK requests into a plugin's scope. Each call gets a fresh nested scope holding the host services
/// (directory, writer, store) bound to the caller's unit of work, so plugin writes join the caller's transaction.
/// </summary>
internal sealed class ConnectorDispatcher(PluginCatalog catalog, ILifetimeScope currentScope, ILogger<ConnectorDispatcher> logger) : IConnectorDispatcher
{
    public Task<T> SendAsync<T>(string connectorId, IRequest<T> request, CancellationToken cancellationToken)
    {
        var plugin = catalog.FindLoaded(connectorId)
            ?? throw new ConnectorUnavailableException($"Connector '{connectorId}' is not loaded.", unknown: catalog.Find(connectorId) is null);
        return SendToPluginAsync(plugin, currentScope, request, cancellationToken);
    }

    public Task PublishAsync(INotification notification, CancellationToken cancellationToken) => PublishAllAsync([notification], cancellationToken);

    public async Task PublishAllAsync(IReadOnlyList<INotification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        foreach (var plugin in catalog.Loaded)
        {
            // The changes are committed; one connector failing to react must not fail the request or the others.
            // One scope per plugin and call: a scope per notification costs more than the handlers themselves when a
            // batch has thousands of them.
            ILifetimeScope scope;
            IMediator mediator;
            try
            {
                scope = BeginRequestScope(plugin, currentScope);
                mediator = scope.Resolve<IMediator>();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Connector {Connector} failed to handle {Notification}", plugin.Id, notifications[0].GetType().Name);
                continue;
            }
            await using (scope)
            {
                foreach (var notification in notifications)
                {
                    try
                    {
                        await mediator.Publish(notification, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "Connector {Connector} failed to handle {Notification}", plugin.Id, notification.GetType().Name);
                    }
                }
            }
        }
    }

    internal static async Task<T> SendToPluginAsync<T>(LoadedPlugin plugin, ILifetimeScope hostScope, IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = BeginRequestScope(plugin, hostScope);
        return await scope.Resolve<IMediator>().Send(request, cancellationToken);
    }

    private static ILifetimeScope BeginRequestScope(LoadedPlugin plugin, ILifetimeScope hostScope)
    {
        var services = hostScope.Resolve<PluginServicesFactory>().Create(plugin.Id);
        return plugin.Scope.BeginLifetimeScope(builder =>
        {
            builder.RegisterInstance(services.Directory).As<IDirectoryReader>().ExternallyOwned();
            builder.RegisterInstance(services.Writer).As<IDirectoryWriter>().ExternallyOwned();
            builder.RegisterInstance(services.Store).As<IConnectorStore>().ExternallyOwned();
        });
    }
}
