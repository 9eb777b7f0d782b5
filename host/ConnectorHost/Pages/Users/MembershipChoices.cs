using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Groups.GroupChoices;
using ConnectorHost.Core.Memberships.GroupMembership;
using ConnectorHost.Core.Memberships.UserRoleAssignment;
using ConnectorHost.Core.Roles;
using ConnectorHost.Core.Roles.RoleChoices;
using MediatR;

namespace ConnectorHost.Pages.Users;

/// <summary>The groups and roles a user form offers, and bringing a user's memberships to the ticked ones.</summary>
internal sealed record MembershipChoices(IReadOnlyList<GroupDto> Groups, IReadOnlyList<RoleDto> Roles)
{
    public static async Task<MembershipChoices> LoadAsync(IMediator mediator, CancellationToken ct) => new(
        await mediator.Send(new GroupChoices(), ct),
        await mediator.Send(new RoleChoices(), ct));

    /// <summary>Adds and removes memberships (each its own use case, as the API does) so the user holds exactly the ticked ones.</summary>
    public static async Task ApplyAsync(IMediator mediator, Guid userId, IReadOnlyCollection<Guid> currentGroups, IReadOnlyCollection<Guid> groups,
        IReadOnlyCollection<Guid> currentRoles, IReadOnlyCollection<Guid> roles, CancellationToken ct)
    {
        foreach (var g in groups.Except(currentGroups))
        {
            await mediator.Send(new AddUserToGroup(userId, g), ct);
        }
        foreach (var g in currentGroups.Except(groups))
        {
            await mediator.Send(new RemoveUserFromGroup(userId, g), ct);
        }
        foreach (var r in roles.Except(currentRoles))
        {
            await mediator.Send(new AssignRoleToUser(userId, r), ct);
        }
        foreach (var r in currentRoles.Except(roles))
        {
            await mediator.Send(new UnassignRoleFromUser(userId, r), ct);
        }
    }
}
