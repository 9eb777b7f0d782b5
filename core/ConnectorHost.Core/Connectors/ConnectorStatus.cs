namespace ConnectorHost.Core.Connectors;

/// <summary>Whether a plugin listed in plugins.json is usable.</summary>
public enum ConnectorStatus
{
    Loaded,
    Faulted,
    Disabled,
}
