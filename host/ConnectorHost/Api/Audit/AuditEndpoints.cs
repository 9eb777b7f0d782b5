using ConnectorHost.Core;
using ConnectorHost.Core.Audit.ListAudit;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Audit;

internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/audit").WithTags("Audit")
            .MapGet("/", async Task<Ok<Page<AuditEntryDto>>> (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = 50, string? entityType = null, string? entityId = null) =>
                TypedResults.Ok(await mediator.Send(new ListAudit(page, pageSize, entityType, entityId), ct)))
            .WithSummary("Audit log, newest first; before/after values with secrets masked.");
}
