using System.Text.Json;
using ConnectorHost.Core;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Schema;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Api;

/// <summary>Turns every failure into RFC 7807 problem details with the status a client can act on.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, httpContext);
        // Vendor failures were logged as one warning line where the call was made (the request pipeline).
        if (problem.Status >= 500 && !Core.Sync.VendorFailures.IsExpected(exception))
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        AdvertisePatchFormat(httpContext);
        if (exception is VendorUnavailableException { RetryAfter: { } retry })
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// Bodies for bare status codes: unknown routes, and a body over the size limit, which Kestrel reports as
    /// 413 while binding and which the API answers as a 400 like any other unreadable body.
    /// </summary>
    internal static async Task WriteStatusCodePageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var problem = http.Response.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => Problem(400, "Request body too large", "The request body is larger than the host accepts (ConnectorHost:MaxRequestBodyBytes)."),
            // Routing refuses a body whose content type the endpoint does not declare.
            StatusCodes.Status415UnsupportedMediaType => Problem(415, "Unsupported media type",
                $"This endpoint does not take {http.Request.ContentType ?? "a body without content type"}{(HttpMethods.IsPatch(http.Request.Method) ? $"; PATCH takes {MergePatch.MediaType} (RFC 7396)" : "")}."),
            _ => new ProblemDetails { Status = http.Response.StatusCode },
        };
        http.Response.StatusCode = problem.Status!.Value;
        AdvertisePatchFormat(http);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>RFC 5789 §3.1: a 415 on PATCH tells the client which patch format the resource takes.</summary>
    private static void AdvertisePatchFormat(HttpContext http)
    {
        if (http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && HttpMethods.IsPatch(http.Request.Method))
        {
            http.Response.Headers["Accept-Patch"] = MergePatch.MediaType;
        }
    }

    internal static ProblemDetails ToProblem(Exception exception, HttpContext httpContext) => exception switch
    {
        ValidationFailedException v => Validation(v.Errors),
        NotFoundException n => Problem(404, "Not found", n.Message),
        ConflictException c => WithErrors(Problem(409, "Conflict", c.Message), c.Errors),
        VersionMismatchException m => Problem(412, "Precondition failed", m.Message),
        ConnectorUnavailableException u => Problem(u.Unknown ? 404 : 409, u.Unknown ? "Unknown connector" : "Connector unavailable", u.Message),
        // A connector's status is kept only when it is an error status; anything else would read as success.
        ConnectorActionFailedException a => WithErrors(Problem(a.Problem.Status is >= 400 and <= 599 ? a.Problem.Status : 500, a.Problem.Title, a.Problem.Detail), a.Problem.Errors),
        Sdk.Hosting.DirectoryWriteException d => WithErrors(Problem(d.IsConflict ? 409 : 400, d.IsConflict ? "Conflict" : "Validation failed", d.Message), d.Errors),
        Sdk.Hosting.ConnectorStoreConflictException s => Problem(409, "Conflict", s.Message),
        System.Text.RegularExpressions.RegexMatchTimeoutException => Problem(400, "Validation failed", "A value is too complex to check against its pattern."),
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } => Problem(503, "Database busy", "The database is busy; retry the request."),
        VendorAuthenticationException va => Problem(502, "Vendor refused the credentials", va.Message),
        VendorUnavailableException vu => Problem(503, "Vendor unavailable", vu.Message),
        VendorRejectedException vr => Problem(422, "Vendor rejected the request", vr.Message),
        BadHttpRequestException b => BadRequest(b),
        JsonException j => MalformedJson(j),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request", "The request was cancelled."),
        _ => Problem(500, "Internal error", "An unexpected error occurred; see the host log for details."),
    };

    private static ProblemDetails BadRequest(BadHttpRequestException b)
    {
        if (b.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(400, "Request body too large", "The request body is larger than the host accepts (ConnectorHost:MaxRequestBodyBytes).");
        }
        if (b.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(415, "Unsupported media type", b.Message);
        }
        return b.InnerException is JsonException json ? MalformedJson(json) : Problem(400, "Bad request", RequestErrorText.Binding(b.Message));
    }

    private static ProblemDetails MalformedJson(JsonException json)
    {
        var (detail, field) = RequestErrorText.Json(json);
        return WithErrors(Problem(400, "Malformed JSON", detail), field is null ? [] : [field]);
    }

    internal static ProblemDetails Validation(IReadOnlyList<FieldError> errors) =>
        WithErrors(Problem(400, "Validation failed", $"{errors.Count} field(s) are invalid: {string.Join(", ", errors.Select(e => e.Field).Distinct())}."), errors);

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://httpstatuses.io/{status}",
    };

    private static ProblemDetails WithErrors(ProblemDetails problem, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            problem.Extensions["errors"] = errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            // Same keys and order as "errors", for programs that branch on what is wrong rather than on the text.
            problem.Extensions["errorCodes"] = errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        }
        return problem;
    }
}
