namespace ConnectorHost.Core;

/// <summary>The entity does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string entity, object id)
    : Exception($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
}
