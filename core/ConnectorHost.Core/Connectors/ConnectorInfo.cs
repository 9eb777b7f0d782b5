using ConnectorHost.Sdk.Requests;

namespace ConnectorHost.Core.Connectors;

/// <summary>A plugin entry as the host loaded it; <see cref="Description"/> is null unless <see cref="Status"/> is Loaded.</summary>
public sealed record ConnectorInfo(
    string Id,
    ConnectorStatus Status,
    string? FaultReason,
    string Path,
    ConnectorDescription? Description);
