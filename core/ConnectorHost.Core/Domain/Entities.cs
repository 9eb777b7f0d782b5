namespace ConnectorHost.Core.Domain;

/// <summary>Entities whose rows carry an optimistic-concurrency version (exposed as the ETag).</summary>
public interface IVersioned
{
    int Version { get; set; }
    DateTime UpdatedAt { get; set; }
}

public static class VersionedExtensions
{
    /// <summary>Bumps the version a handler returns as the new ETag; the save uses the old one as concurrency check.</summary>
    public static void MarkChanged(this IVersioned entity)
    {
        entity.Version++;
        entity.UpdatedAt = DateTime.UtcNow;
    }
}

public sealed class User : IVersioned
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    // Upper-cased copy so the unique index is case-insensitive for every script, not only ASCII.
    public string NormalizedUsername { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public List<string> PhoneNumbers { get; set; } = [];
    public string? Extension { get; set; }
    public string? Language { get; set; }
    public string? TimeZone { get; set; }
    public bool Enabled { get; set; } = true;
    public Dictionary<string, string> Attributes { get; set; } = [];
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class Group : IVersioned
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public string NormalizedKey { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = [];
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class Role : IVersioned
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public string NormalizedKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A composite role includes the roles it points at.</summary>
public sealed class RoleComposite
{
    public Guid RoleId { get; set; }
    public Guid IncludedRoleId { get; set; }
}

public sealed class UserGroup
{
    public Guid UserId { get; set; }
    public Guid GroupId { get; set; }
}

public sealed class UserRole
{
    public Guid UserId { get; set; }
    public Guid RoleId { get; set; }
}

public sealed class GroupRole
{
    public Guid GroupId { get; set; }
    public Guid RoleId { get; set; }
}

/// <summary>One connector's settings document for one user.</summary>
public sealed class UserConnectorSetting : IVersioned
{
    public Guid UserId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One connector's settings document for one group.</summary>
public sealed class GroupConnectorSetting : IVersioned
{
    public Guid GroupId { get; set; }
    public string ConnectorId { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A document in a connector-owned collection (see the SDK's IConnectorStore).</summary>
public sealed class ConnectorDocument : IVersioned
{
    public string ConnectorId { get; set; } = "";
    public string Collection { get; set; } = "";
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One audited change, written in the same transaction as the change itself.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
