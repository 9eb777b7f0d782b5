using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Roles;

internal static class RoleSnapshots
{
    public static RoleSnapshot From(Role r) => new(r.Id, r.Key, r.Name, r.Description);
}
