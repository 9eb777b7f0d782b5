namespace ConnectorHost.Core.Domain;

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
