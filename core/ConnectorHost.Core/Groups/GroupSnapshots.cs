using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Groups;

internal static class GroupSnapshots
{
    public static GroupSnapshot From(Group g) => new(g.Id, g.Key, g.Name, g.ParentId, new Dictionary<string, string>(g.Attributes), g.Version);
}
