using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Groups;

public record GroupDto(Guid Id, string Key, string Name, Guid? ParentId, IReadOnlyDictionary<string, string> Attributes, int Version, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal static GroupDto From(Group g) => new(g.Id, g.Key, g.Name, g.ParentId, g.Attributes, g.Version, g.CreatedAt, g.UpdatedAt);
}
