namespace ConnectorHost.Core;

/// <summary>A connector is unknown, disabled or faulted, or lacks the capability asked for (HTTP 404 / 409).</summary>
public sealed class ConnectorUnavailableException(string message, bool unknown) : Exception(message)
{
    public bool Unknown { get; } = unknown;
}
