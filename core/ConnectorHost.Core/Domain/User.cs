namespace ConnectorHost.Core.Domain;

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
