using System.Text.Json.Nodes;
using ConnectorHost.Api.OpenApi;
using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Connectors.InvokeConnectorAction;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Connectors;

/// <summary>What an admin sees of a connector; schema and actions only when it is loaded.</summary>
public sealed record ConnectorView(
    string Id,
    string Status,
    string? FaultReason,
    string? DisplayName,
    string? Version,
    string? SdkVersion,
    IReadOnlyList<string> Capabilities,
    ConnectorSchema? Schema,
    IReadOnlyList<ActionDescriptor> Actions)
{
    internal static ConnectorView From(ConnectorInfo info) => new(
        info.Id,
        info.Status.ToString(),
        info.FaultReason,
        info.Description?.Manifest.DisplayName,
        info.Description?.Manifest.Version,
        info.Description?.Manifest.SdkVersion,
        info.Description is { } d
            ? Enum.GetValues<ConnectorCapabilities>().Where(c => c != ConnectorCapabilities.None && d.Manifest.Capabilities.HasFlag(c)).Select(c => c.ToString()).ToList()
            : [],
        info.Description?.Schema,
        info.Description?.Actions ?? []);
}

internal static class ConnectorsEndpoints
{
    public static void MapConnectors(this IEndpointRouteBuilder app)
    {
        var connectors = app.MapGroup("/api/connectors").WithTags("Connectors");
        connectors.MapGet("/", (IConnectorCatalog catalog) => TypedResults.Ok(catalog.All.Select(ConnectorView.From).ToList()))
            .WithSummary("Every plugin in plugins.json with status, fault reason, capabilities, schemas and actions.");
        connectors.MapGet("/{id}", Results<Ok<ConnectorView>, NotFound> (string id, IConnectorCatalog catalog) =>
            catalog.Find(id) is { } info ? TypedResults.Ok(ConnectorView.From(info)) : throw new NotFoundException("Connector", id))
            .WithSummary("One connector.");
        connectors.MapPost("/{id}/actions/{action}", (string id, string action, JsonObject? body, Guid? userId, Guid? groupId, HttpResponse response, IConnectorCatalog catalog, IMediator mediator, CancellationToken ct) =>
                Invoke(id, action, userId, groupId, body ?? [], Find(catalog, id, action) switch
                {
                    { Mutating: false } => Route.Read,
                    { VendorOnly: true } => Route.VendorOnly,
                    _ => Route.Transaction,
                }, response, mediator, ct))
            .WithSummary("Run a connector action; the body is checked against the action's declared input; userId/groupId select the target for user or group actions.");
        connectors.MapGet("/{id}/actions/{action}", (string id, string action, HttpRequest request, Guid? userId, Guid? groupId, IConnectorCatalog catalog, IMediator mediator, CancellationToken ct) =>
                // Read-only actions take their input from the query string, so they can be bookmarked or linked.
                Invoke(id, action, userId, groupId, ActionQueryInput.From(request.Query, Find(catalog, id, action)), Route.Read, request.HttpContext.Response, mediator, ct))
            .WithSummary("Run a read-only connector action with its input in the query string.");
    }

    private enum Route
    {
        Transaction,
        Read,
        VendorOnly,
    }

    private static ActionDescriptor? Find(IConnectorCatalog catalog, string id, string action) =>
        catalog.Find(id)?.Description?.Actions.FirstOrDefault(a => string.Equals(a.Name, action, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> Invoke(string id, string action, Guid? userId, Guid? groupId, JsonObject input, Route route, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var result = route switch
        {
            Route.Read => await mediator.Send(new QueryConnectorAction(id, action, userId, groupId, input), ct),
            Route.VendorOnly => await mediator.Send(new CallVendorAction(id, action, userId, groupId, input), ct),
            _ => await mediator.Send(new InvokeConnectorAction(id, action, userId, groupId, input), ct),
        };
        if (result is JsonActionResult { ShowOnce: true })
        {
            // Shown once: no cache or proxy may keep a copy either.
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }
        return result switch
        {
            JsonActionResult json => TypedResults.Json(json.Body),
            FileActionResult file => TypedResults.File(file.Content, file.ContentType, file.FileName),
            _ => throw new InvalidOperationException($"Connector '{id}' returned an unsupported action result {result.GetType().Name}."),
        };
    }
}
