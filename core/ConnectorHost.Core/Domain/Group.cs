namespace ConnectorHost.Core.Domain;

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
