namespace ConnectorHost.Core.Connectors;

/// <summary>An actor with a fixed name (CLI, background jobs, tests).</summary>
public sealed class FixedActor(string name) : ICurrentActor
{
    public string Name { get; } = name;
}
