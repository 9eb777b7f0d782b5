namespace ConnectorHost.Core.Domain;

/// <summary>What an admin account or API key may do; see docs/security.md for the full table.</summary>
public enum AdminRole
{
    /// <summary>Reads everything, changes nothing.</summary>
    ReadOnly = 0,
    /// <summary>Manages users, groups, roles and sync; not connector credentials or settings, not admin accounts or keys.</summary>
    Operator = 1,
    /// <summary>Everything.</summary>
    Administrator = 2,
}
