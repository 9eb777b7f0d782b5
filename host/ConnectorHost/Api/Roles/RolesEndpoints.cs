using ConnectorHost.Api.Groups;
using ConnectorHost.Core;
using ConnectorHost.Core.Roles;
using ConnectorHost.Core.Roles.CreateRole;
using ConnectorHost.Core.Roles.DeleteRole;
using ConnectorHost.Core.Roles.GetRole;
using ConnectorHost.Core.Roles.ListRoles;
using ConnectorHost.Core.Roles.RenameRole;
using ConnectorHost.Core.Roles.UpdateRole;
using ConnectorHost.Api.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Roles;

/// <summary>The PUT body, plus the GET representation's read-only members (id and key must be unchanged; the rest is ignored).</summary>
public sealed record UpdateRoleBody(
    string Name,
    string? Description = null,
    IReadOnlyList<Guid>? IncludedRoleIds = null,
    Guid? Id = null,
    string? Key = null,
    int? Version = null,
    DateTime? CreatedAt = null,
    DateTime? UpdatedAt = null);

internal static class RolesEndpoints
{
    public static RouteGroupBuilder MapRoles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/roles").WithTags("Roles");
        group.MapGet("/", List).WithSummary("List roles.");
        group.MapPost("/", Create).WithSummary("Create a role, optionally composite (includedRoleIds).");
        group.MapGet("/{id:guid}", Get).WithSummary("Get a role.");
        group.MapPut("/{id:guid}", Update).WithIfMatch().WithSummary("Replace a role's name, description and included roles; the GET representation is accepted back.");
        group.MapPatch("/{id:guid}", Patch).Accepts<UpdateRoleBody>(MergePatch.MediaType).WithIfMatch()
            .WithSummary("Change some of a role's fields with a JSON merge patch (RFC 7396), validated like PUT.");
        group.MapPost("/{id:guid}/rename", Rename).WithIfMatch().WithSummary("Change a role's key.");
        group.MapDelete("/{id:guid}", Delete).WithIfMatch().WithSummary("Delete a role and its assignments.");
        return group;
    }

    private static async Task<Ok<Page<RoleDto>>> List(IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50, string? search = null, string? sort = null) =>
        TypedResults.Ok(await mediator.Send(new ListRoles(page, pageSize, search, sort), ct));

    private static async Task<Created<RoleDto>> Create(CreateRole body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var role = await mediator.Send(body, ct);
        ETags.Set(http, role.Version);
        return TypedResults.Created($"/api/roles/{role.Id}", role);
    }

    private static async Task<Ok<RoleDto>> Get(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var role = await mediator.Send(new GetRole(id), ct);
        ETags.Set(http, role.Version);
        return TypedResults.Ok(role);
    }

    private static Task<Ok<RoleDto>> Update(Guid id, UpdateRoleBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
        Replace(id, body, ETags.IfMatch(http.Request), http, mediator, ct);

    private static async Task<Ok<RoleDto>> Patch(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var current = await mediator.Send(new GetRole(id), ct);
        var (body, condition) = await MergePatch.ReadAsync<UpdateRoleBody>(http, current, current.Version, ct);
        return await Replace(id, body, condition, http, mediator, ct);
    }

    private static async Task<Ok<RoleDto>> Replace(Guid id, UpdateRoleBody body, VersionCondition? condition, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        Representation.RequireSameId(id, body.Id);
        var role = await mediator.Send(new UpdateRole(id, condition, body.Name, body.Description, body.IncludedRoleIds, body.Key), ct);
        ETags.Set(http, role.Version);
        return TypedResults.Ok(role);
    }

    private static async Task<Ok<RoleDto>> Rename(Guid id, RenameKeyBody body, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var role = await mediator.Send(new RenameRole(id, ETags.IfMatch(http.Request), body.Key), ct);
        ETags.Set(http, role.Version);
        return TypedResults.Ok(role);
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteRole(id, ETags.IfMatch(http.Request)), ct);
        return TypedResults.NoContent();
    }
}
