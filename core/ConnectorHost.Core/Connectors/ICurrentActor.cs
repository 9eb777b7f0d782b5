namespace ConnectorHost.Core.Connectors;

/// <summary>Who is making the current change, for the audit log.</summary>
public interface ICurrentActor
{
    string Name { get; }
}
