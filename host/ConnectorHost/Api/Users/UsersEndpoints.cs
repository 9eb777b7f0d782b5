using ConnectorHost.Core;
using ConnectorHost.Core.Memberships.GroupMembership;
using ConnectorHost.Core.Memberships.UserRoleAssignment;
using ConnectorHost.Core.Users;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.Users.DeleteUser;
using ConnectorHost.Core.Users.DisableUser;
using ConnectorHost.Core.Users.GetUser;
using ConnectorHost.Core.Users.ListUsers;
using ConnectorHost.Core.Users.RenameUser;
using ConnectorHost.Core.Users.UpdateUser;
using ConnectorHost.Api.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Users;

/// <summary>
/// The PUT body: the editable profile, plus the read-only members of the GET representation so it can be sent
/// back as it came. id, username and enabled must be unchanged; version, timestamps and membership lists are ignored.
/// </summary>
public sealed record UpdateUserBody(
    string FirstName,
    string LastName,
    string? DisplayName = null,
    string? Email = null,
    IReadOnlyList<string>? PhoneNumbers = null,
    string? Extension = null,
    string? Language = null,
    string? TimeZone = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    Guid? Id = null,
    string? Username = null,
    bool? Enabled = null,
    int? Version = null,
    DateTime? CreatedAt = null,
    DateTime? UpdatedAt = null,
    IReadOnlyList<Guid>? GroupIds = null,
    IReadOnlyList<Guid>? RoleIds = null,
    IReadOnlyList<string>? ConnectorIds = null);

public sealed record RenameUserBody(string Username);

/// <summary>HTTP edge of the user use cases: binding, ETags and status codes only.</summary>
internal static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/", List).WithSummary("List users (paging, search on username/name/email/extension, sort).");
        group.MapPost("/", Create).WithSummary("Create a user.");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a user with memberships; ETag is its version.");
        group.MapPut("/{id:guid}", Update).WithIfMatch().WithSummary("Replace a user's profile (If-Match optional); the GET representation is accepted back.");
        group.MapPatch("/{id:guid}", Patch).Accepts<UpdateUserBody>(MergePatch.MediaType).WithIfMatch()
            .WithSummary("Change some of a user's profile fields with a JSON merge patch (RFC 7396), validated like PUT.");
        group.MapPost("/{id:guid}/rename", Rename).WithIfMatch().WithSummary("Change a user's username.");
        group.MapPost("/{id:guid}/disable", (Guid id, HttpContext http, IMediator m, CancellationToken ct) => SetDisabled(id, true, http, m, ct)).WithIfMatch().WithSummary("Disable a user.");
        group.MapPost("/{id:guid}/enable", (Guid id, HttpContext http, IMediator m, CancellationToken ct) => SetDisabled(id, false, http, m, ct)).WithIfMatch().WithSummary("Enable a user.");
        group.MapDelete("/{id:guid}", Delete).WithIfMatch().WithSummary("Delete a user with its memberships and settings.");
        group.MapPut("/{id:guid}/groups/{groupId:guid}", AddToGroup).WithSummary("Add the user to a group.");
        group.MapDelete("/{id:guid}/groups/{groupId:guid}", RemoveFromGroup).WithSummary("Remove the user from a group.");
        group.MapPut("/{id:guid}/roles/{roleId:guid}", AssignRole).WithSummary("Give the user a role.");
        group.MapDelete("/{id:guid}/roles/{roleId:guid}", UnassignRole).WithSummary("Take a role from the user.");
        return group;
    }

    private static async Task<Ok<Page<UserDto>>> List(IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50, string? search = null, string? sort = null) =>
        TypedResults.Ok(await mediator.Send(new ListUsers(page, pageSize, search, sort), ct));

    private static async Task<Created<UserDto>> Create(CreateUser body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var user = await mediator.Send(body, ct);
        ETags.Set(http, user.Version);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }

    private static async Task<Ok<UserDetails>> Get(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var details = await mediator.Send(new GetUser(id), ct);
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    private static Task<Ok<UserDto>> Update(Guid id, UpdateUserBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Replace(id, body, ETags.IfMatch(http.Request), http, mediator, ct);

    private static async Task<Ok<UserDto>> Patch(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var current = await mediator.Send(new GetUser(id), ct);
        var (body, condition) = await MergePatch.ReadAsync<UpdateUserBody>(http, current, current.Version, ct);
        return await Replace(id, body, condition, http, mediator, ct);
    }

    private static async Task<Ok<UserDto>> Replace(Guid id, UpdateUserBody body, VersionCondition? condition, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        Representation.RequireSameId(id, body.Id);
        var user = await mediator.Send(new UpdateUser(id, condition, body.FirstName, body.LastName, body.DisplayName,
            body.Email, body.PhoneNumbers, body.Extension, body.Language, body.TimeZone, body.Attributes, body.Username, body.Enabled), ct);
        ETags.Set(http, user.Version);
        return TypedResults.Ok(user);
    }

    private static async Task<Ok<UserDto>> Rename(Guid id, RenameUserBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var user = await mediator.Send(new RenameUser(id, ETags.IfMatch(http.Request), body.Username), ct);
        ETags.Set(http, user.Version);
        return TypedResults.Ok(user);
    }

    private static async Task<Ok<UserDto>> SetDisabled(Guid id, bool disabled, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var user = await mediator.Send(new DisableUser(id, ETags.IfMatch(http.Request), disabled), ct);
        ETags.Set(http, user.Version);
        return TypedResults.Ok(user);
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteUser(id, ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> AddToGroup(Guid id, Guid groupId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new AddUserToGroup(id, groupId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveFromGroup(Guid id, Guid groupId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new RemoveUserFromGroup(id, groupId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> AssignRole(Guid id, Guid roleId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new AssignRoleToUser(id, roleId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnassignRole(Guid id, Guid roleId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new UnassignRoleFromUser(id, roleId), ct);
        return TypedResults.NoContent();
    }
}
