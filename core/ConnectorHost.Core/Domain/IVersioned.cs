namespace ConnectorHost.Core.Domain;

/// <summary>Entities whose rows carry an optimistic-concurrency version (exposed as the ETag).</summary>
public interface IVersioned
{
    int Version { get; set; }
    DateTime UpdatedAt { get; set; }
}
