using System.Text.Json.Nodes;
using ConnectorHost.Api.OpenApi;
using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Connectors.InvokeConnectorAction;
using ConnectorHost.Core.FieldOptions.GetFieldOptions;
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
        connectors.MapGet("/{id}/options/{fieldKey}", async Task<Ok<FieldOptionsDto>> (string id, string fieldKey, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetFieldOptions(id, fieldKey), ct)))
            .WithSummary("The allowed values of a field whose options come from the connector (cached; stale: true with fetchedAt when the vendor is unreachable; 503 when no list was ever loaded).");
        connectors.MapPost("/{id}/actions/{action}", (string id, string action, JsonObject? body, Guid? userId, Guid? groupId, HttpResponse response, IConnectorCatalog catalog, IMediator mediator, CancellationToken ct) =>
                Invoke(id, action, userId, groupId, body ?? [], RouteOf(Find(catalog, id, action)), response, mediator, ct))
            .WithSummary("Run a connector action; the body is checked against the action's declared input; userId/groupId select the target for user or group actions.");
        connectors.MapGet("/{id}/actions/{action}", (string id, string action, HttpRequest request, Guid? userId, Guid? groupId, IConnectorCatalog catalog, IMediator mediator, CancellationToken ct) =>
                // Read-only actions take their input from the query string, so they can be bookmarked or linked.
                Invoke(id, action, userId, groupId, ActionQueryInput.From(request.Query, Find(catalog, id, action)), Route.Read, request.HttpContext.Response, mediator, ct))
            .WithSummary("Run a read-only connector action with its input in the query string.");
    }

    /// <summary>How an action runs: a read outside any transaction, a vendor-only call, or a change in one transaction.</summary>
    internal enum Route
    {
        Transaction,
        Read,
        VendorOnly,
    }

    /// <summary>The route of a POSTed action by its descriptor (the admin UI runs actions the same way).</summary>
    internal static Route RouteOf(ActionDescriptor? descriptor) => descriptor switch
    {
        { Mutating: false } => Route.Read,
        { VendorOnly: true } => Route.VendorOnly,
        _ => Route.Transaction,
    };

    /// <summary>The use case that runs the action on <paramref name="route"/>.</summary>
    internal static Task<ActionResult> RunAsync(IMediator mediator, string id, string action, Guid? userId, Guid? groupId, JsonObject input, Route route, CancellationToken ct) => route switch
    {
        Route.Read => mediator.Send(new QueryConnectorAction(id, action, userId, groupId, input), ct),
        Route.VendorOnly => mediator.Send(new CallVendorAction(id, action, userId, groupId, input), ct),
        _ => mediator.Send(new InvokeConnectorAction(id, action, userId, groupId, input), ct),
    };

    private static ActionDescriptor? Find(IConnectorCatalog catalog, string id, string action) =>
        catalog.Find(id)?.Description?.Actions.FirstOrDefault(a => string.Equals(a.Name, action, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> Invoke(string id, string action, Guid? userId, Guid? groupId, JsonObject input, Route route, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var result = await RunAsync(mediator, id, action, userId, groupId, input, route, ct);
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
