namespace ConnectorHost.Core.Domain;

/// <summary>A key for automation, acting with one admin role. Only the SHA-256 of the key is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public AdminRole Role { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key; the key itself exists only in the answer that created it.</summary>
    public string KeyHash { get; set; } = "";
    /// <summary>The first characters of the key, so an admin can tell keys apart without the key.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
