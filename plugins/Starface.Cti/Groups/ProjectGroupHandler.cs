using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Users;

namespace Starface.Cti.Groups;

/// <summary>Preview: the STARFACE group the mapped CTI group becomes, with the logins assigned to it; STARFACE finds the group by its name.</summary>
internal sealed class ProjectGroupHandler(CtiGroupStore groups, CtiUserDirectory users) : IRequestHandler<ProjectGroup, Projection>
{
    public async Task<Projection> Handle(ProjectGroup request, CancellationToken cancellationToken)
    {
        var mapped = CtiGroupResolver.MappedGroupOf(request.Group.Settings);
        if (mapped is null)
        {
            return new Projection(new JsonObject { ["ctiGroup"] = null }, ["No CTI group is mapped: this core group is not pushed to STARFACE."], MatchKey: null);
        }
        if (await groups.GetAsync(mapped, cancellationToken) is not { } group)
        {
            return new Projection(new JsonObject { ["ctiGroup"] = mapped }, [$"CTI group '{mapped}' does not exist: this core group is not pushed to STARFACE."], MatchKey: null);
        }

        var members = StarfaceGroupMembers.Of(group.GroupId, await users.ListAsync(cancellationToken));
        return new Projection(new JsonObject
        {
            ["name"] = group.Name,
            ["ctiGroup"] = group.GroupId,
            ["members"] = new JsonArray(members.Select(m => (JsonNode)JsonValue.Create(m.Username)).ToArray()),
        }, [], group.Name);
    }
}

/// <summary>The STARFACE group of a CTI group holds exactly the CTI-active users whose effective CTI group it is.</summary>
internal static class StarfaceGroupMembers
{
    public static IReadOnlyList<CtiUser> Of(string ctiGroupId, IEnumerable<CtiUser> everyone) =>
        everyone
            .Where(u => u.TakesPartInCti && u.Group.GroupId == ctiGroupId)
            .OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
