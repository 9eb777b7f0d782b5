using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Access;

/// <summary>An API key as the API shows it: name, role, the first characters and when it was used; never the key.</summary>
public sealed record ApiKeyDto(Guid Id, string Name, AdminRole Role, string Prefix, DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public static ApiKeyDto From(ApiKey k) => new(k.Id, k.Name, k.Role, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
