using System.Text.Json.Nodes;
using ConnectorHost.Api.OpenApi;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.GetConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PreviewUser;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.RemoveConnectorSettings;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.ConnectorSettings;

/// <summary>
/// <c>/api/{users|groups|roles}/{id}/connectors/{connectorId}</c>: one set of routes for the three kinds of owner,
/// mirroring the core's one generic settings path (<c>core/ConnectorHost.Core/ConnectorSettings</c>).
/// </summary>
internal static class ConnectorSettingsEndpoints
{
    public static void MapConnectorSettings(this IEndpointRouteBuilder app)
    {
        var users = MapOwner(app, SettingsOwner.User, "users", "user",
            "Take the user off this connector; the sync engine deletes the user at the vendor.");
        users.MapGet("/preview", async Task<Ok<Projection>> (Guid id, string connectorId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new PreviewUser(id, connectorId), ct)))
            .WithSummary("How the connector would represent the user at the vendor.");
        MapOwner(app, SettingsOwner.Group, "groups", "group",
            "Take the group off this connector; the sync engine deletes the group at the vendor.");
        MapOwner(app, SettingsOwner.Role, "roles", "role",
            "Remove the role's settings for this connector; every user holding the role is pushed again without them.");
    }

    private static RouteGroupBuilder MapOwner(IEndpointRouteBuilder app, SettingsOwner owner, string path, string noun, string removeSummary)
    {
        var settings = app.MapGroup($"/api/{path}/{{id:guid}}/connectors/{{connectorId}}").WithTags("Connector settings");
        settings.MapGet("/", async (Guid id, string connectorId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            Settings(http, await mediator.Send(new GetConnectorSettings(owner, id, connectorId), ct)))
            .WithSummary($"A {noun}'s settings for one connector (secrets masked).");
        settings.MapPut("/", async (Guid id, string connectorId, JsonObject body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            Settings(http, await mediator.Send(new PutConnectorSettings(owner, id, connectorId, body, ETags.IfMatch(http.Request)), ct)))
            .WithIfMatch()
            .WithSummary($"Replace a {noun}'s settings for one connector; schema and vendor rules apply.");
        settings.MapPatch("/", async (Guid id, string connectorId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var current = await mediator.Send(new GetConnectorSettings(owner, id, connectorId), ct);
                var (body, condition) = await MergePatch.ReadAsync<JsonObject>(http, current.Settings, current.Version, ct);
                return Settings(http, await mediator.Send(new PutConnectorSettings(owner, id, connectorId, body, condition), ct));
            })
            .Accepts<JsonObject>(MergePatch.MediaType).WithIfMatch()
            .WithSummary($"Change some of a {noun}'s settings for one connector with a JSON merge patch (RFC 7396), validated like PUT.");
        settings.MapDelete("/", async Task<NoContent> (Guid id, string connectorId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveConnectorSettings(owner, id, connectorId, ETags.IfMatch(http.Request)), ct);
                return TypedResults.NoContent();
            })
            .WithIfMatch()
            .WithSummary(removeSummary);
        return settings;
    }

    private static Ok<ConnectorSettingsDto> Settings(HttpContext http, ConnectorSettingsDto dto)
    {
        ETags.Set(http, dto.Version);
        return TypedResults.Ok(dto);
    }
}
