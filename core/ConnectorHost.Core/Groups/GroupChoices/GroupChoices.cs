using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.GroupChoices;

/// <summary>
/// Every group, by name, for a picker (not a page: a picker must offer all of them); with <see cref="ParentFor"/>, only
/// the groups that group may be placed under, so neither the group itself nor one of its descendants.
/// </summary>
public sealed record GroupChoices(Guid? ParentFor = null) : IQuery<IReadOnlyList<GroupDto>>;

internal sealed class GroupChoicesHandler(HostDbContext db) : IRequestHandler<GroupChoices, IReadOnlyList<GroupDto>>
{
    public async Task<IReadOnlyList<GroupDto>> Handle(GroupChoices request, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        if (request.ParentFor is { } groupId)
        {
            var parents = groups.ToDictionary(g => g.Id, g => g.ParentId);
            groups = groups.Where(g => GroupTree.CanPlaceUnder(parents, groupId, g.Id)).ToList();
        }
        return groups.Select(GroupDto.From).ToList();
    }
}
