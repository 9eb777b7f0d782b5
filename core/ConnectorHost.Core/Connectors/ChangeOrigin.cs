namespace ConnectorHost.Core.Connectors;

/// <summary>
/// Marks saves made on a connector's behalf rather than by the current actor (values the vendor assigned, returned
/// in a push result): they are audited with the connector as the actor and queue no sync jobs, because the vendor
/// already has these values. Scoped: one per unit of work.
/// </summary>
public sealed class ChangeOrigin
{
    /// <summary>The connector the current save is made for, or null for an ordinary change.</summary>
    public string? Connector { get; private set; }

    /// <summary>
    /// The audit actor of ordinary changes when set (a background import writes as the admin who started it, e.g.
    /// "api (import 3f2…)"), instead of the scope's <see cref="ICurrentActor"/>.
    /// </summary>
    public string? Actor { get; set; }

    /// <summary>The audit actor of a change made for <paramref name="connectorId"/>.</summary>
    public static string ActorOf(string connectorId) => $"connector:{connectorId}";

    /// <summary>Until disposed, saves are made for <paramref name="connectorId"/>.</summary>
    public IDisposable ActFor(string connectorId)
    {
        var outer = Connector;
        Connector = connectorId;
        return new Restore(this, outer);
    }

    private sealed class Restore(ChangeOrigin origin, string? outer) : IDisposable
    {
        public void Dispose() => origin.Connector = outer;
    }
}
