using ConnectorHost.Core;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Groups.CreateGroup;
using ConnectorHost.Core.Groups.DeleteGroup;
using ConnectorHost.Core.Groups.GetGroup;
using ConnectorHost.Core.Groups.ListGroups;
using ConnectorHost.Core.Groups.RenameGroup;
using ConnectorHost.Core.Groups.UpdateGroup;
using ConnectorHost.Core.Memberships.GroupRoleAssignment;
using ConnectorHost.Api.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Groups;

/// <summary>The PUT body, plus the GET representation's read-only members (id and key must be unchanged; the rest is ignored).</summary>
public sealed record UpdateGroupBody(
    string Name,
    Guid? ParentId = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    Guid? Id = null,
    string? Key = null,
    int? Version = null,
    DateTime? CreatedAt = null,
    DateTime? UpdatedAt = null,
    IReadOnlyList<Guid>? MemberIds = null,
    IReadOnlyList<Guid>? RoleIds = null,
    IReadOnlyList<Guid>? ChildIds = null);

public sealed record RenameKeyBody(string Key);

internal static class GroupsEndpoints
{
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups").WithTags("Groups");
        group.MapGet("/", List).WithSummary("List groups (paging, search on key/name, sort).");
        group.MapPost("/", Create).WithSummary("Create a group, optionally under a parent.");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a group with members, roles and children.");
        group.MapPut("/{id:guid}", Update).WithIfMatch().WithSummary("Replace a group's name, parent and attributes; the GET representation is accepted back.");
        group.MapPatch("/{id:guid}", Patch).Accepts<UpdateGroupBody>(MergePatch.MediaType).WithIfMatch()
            .WithSummary("Change some of a group's fields with a JSON merge patch (RFC 7396), validated like PUT.");
        group.MapPost("/{id:guid}/rename", Rename).WithIfMatch().WithSummary("Change a group's key.");
        group.MapDelete("/{id:guid}", Delete).WithIfMatch().WithSummary("Delete a group without child groups.");
        group.MapPut("/{id:guid}/roles/{roleId:guid}", AssignRole).WithSummary("Give every member of the group a role.");
        group.MapDelete("/{id:guid}/roles/{roleId:guid}", UnassignRole).WithSummary("Take a role from the group.");
        return group;
    }

    private static async Task<Ok<Page<GroupDto>>> List(IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50, string? search = null, string? sort = null) =>
        TypedResults.Ok(await mediator.Send(new ListGroups(page, pageSize, search, sort), ct));

    private static async Task<Created<GroupDto>> Create(CreateGroup body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var group = await mediator.Send(body, ct);
        ETags.Set(http, group.Version);
        return TypedResults.Created($"/api/groups/{group.Id}", group);
    }

    private static async Task<Ok<GroupDetails>> Get(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var details = await mediator.Send(new GetGroup(id), ct);
        ETags.Set(http, details.Version);
        return TypedResults.Ok(details);
    }

    private static Task<Ok<GroupDto>> Update(Guid id, UpdateGroupBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Replace(id, body, ETags.IfMatch(http.Request), http, mediator, ct);

    private static async Task<Ok<GroupDto>> Patch(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var current = await mediator.Send(new GetGroup(id), ct);
        var (body, condition) = await MergePatch.ReadAsync<UpdateGroupBody>(http, current, current.Version, ct);
        return await Replace(id, body, condition, http, mediator, ct);
    }

    private static async Task<Ok<GroupDto>> Replace(Guid id, UpdateGroupBody body, VersionCondition? condition, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        Representation.RequireSameId(id, body.Id);
        var group = await mediator.Send(new UpdateGroup(id, condition, body.Name, body.ParentId, body.Attributes, body.Key), ct);
        ETags.Set(http, group.Version);
        return TypedResults.Ok(group);
    }

    private static async Task<Ok<GroupDto>> Rename(Guid id, RenameKeyBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var group = await mediator.Send(new RenameGroup(id, ETags.IfMatch(http.Request), body.Key), ct);
        ETags.Set(http, group.Version);
        return TypedResults.Ok(group);
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteGroup(id, ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> AssignRole(Guid id, Guid roleId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new AssignRoleToGroup(id, roleId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnassignRole(Guid id, Guid roleId, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new UnassignRoleFromGroup(id, roleId), ct);
        return TypedResults.NoContent();
    }
}
