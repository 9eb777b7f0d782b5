namespace ConnectorHost.Core.Domain;

/// <summary>A person who signs in to administer the host (not a directory user). Only the password's hash is stored.</summary>
public sealed class AdminAccount
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    public string NormalizedUsername { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public AdminRole Role { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Wrong passwords since the last successful sign-in; drives the growing lockout.</summary>
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Changes when the password, role or state changes: sessions issued before are no longer valid.</summary>
    public string SecurityStamp { get; set; } = "";
}
