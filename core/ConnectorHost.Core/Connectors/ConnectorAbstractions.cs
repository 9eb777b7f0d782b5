using ConnectorHost.Sdk.Requests;
using MediatR;

namespace ConnectorHost.Core.Connectors;

/// <summary>Whether a plugin listed in plugins.json is usable.</summary>
public enum ConnectorStatus
{
    Loaded,
    Faulted,
    Disabled,
}

/// <summary>A plugin entry as the host loaded it; <see cref="Description"/> is null unless <see cref="Status"/> is Loaded.</summary>
public sealed record ConnectorInfo(
    string Id,
    ConnectorStatus Status,
    string? FaultReason,
    string Path,
    ConnectorDescription? Description);

/// <summary>The loaded connectors. Implemented by the host, which owns plugin loading.</summary>
public interface IConnectorCatalog
{
    IReadOnlyList<ConnectorInfo> All { get; }

    /// <summary>The entry with this id (any status), or null.</summary>
    ConnectorInfo? Find(string connectorId);
}

/// <summary>
/// Sends SDK requests to one connector, inside the connector's own scope, with host services bound to the
/// caller's unit of work. Implemented by the host; resolved per request.
/// </summary>
public interface IConnectorDispatcher
{
    Task<T> SendAsync<T>(string connectorId, IRequest<T> request, CancellationToken cancellationToken);

    /// <summary>Delivers a notification to every loaded connector; a failing connector is logged, not rethrown.</summary>
    Task PublishAsync(INotification notification, CancellationToken cancellationToken);
}

/// <summary>Who is making the current change, for the audit log.</summary>
public interface ICurrentActor
{
    string Name { get; }
}

/// <summary>An actor with a fixed name (CLI, background jobs, tests).</summary>
public sealed class FixedActor(string name) : ICurrentActor
{
    public string Name { get; } = name;
}
