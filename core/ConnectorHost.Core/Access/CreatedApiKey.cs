namespace ConnectorHost.Core.Access;

/// <summary>A key just created: <see cref="Key"/> exists only in this answer (the database keeps its hash).</summary>
public sealed record CreatedApiKey(ApiKeyDto ApiKey, string Key)
{
    public override string ToString() => $"CreatedApiKey {{ ApiKey = {ApiKey} }}";
}
