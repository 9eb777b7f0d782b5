using MediatR;

namespace ConnectorHost.Core.Connectors;

/// <summary>
/// Sends SDK requests to one connector, inside the connector's own scope, with host services bound to the
/// caller's unit of work. Implemented by the host; resolved per request.
/// </summary>
public interface IConnectorDispatcher
{
    Task<T> SendAsync<T>(string connectorId, IRequest<T> request, CancellationToken cancellationToken);

    /// <summary>Delivers a notification to every loaded connector; a failing connector is logged, not rethrown.</summary>
    Task PublishAsync(INotification notification, CancellationToken cancellationToken);

    /// <summary>Delivers many notifications, in order, to every loaded connector (a bulk import's batch): one scope per connector for all of them.</summary>
    async Task PublishAllAsync(IReadOnlyList<INotification> notifications, CancellationToken cancellationToken)
    {
        foreach (var notification in notifications)
        {
            await PublishAsync(notification, cancellationToken);
        }
    }
}
