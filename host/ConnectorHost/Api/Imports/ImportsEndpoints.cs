using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Imports.CancelImport;
using ConnectorHost.Core.Imports.ExportUsers;
using ConnectorHost.Core.Imports.GetImportJob;
using ConnectorHost.Core.Imports.ImportReport;
using ConnectorHost.Core.Imports.StartImport;
using ConnectorHost.Imports;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Api.Imports;

/// <summary>HTTP edge of bulk import (jobs) and export: upload, job state, row report, cancel, export stream.</summary>
internal static class ImportsEndpoints
{
    /// <summary>Largest import upload (a million-row file is about 150 MB); other requests keep the general limit.</summary>
    public const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports");
        group.MapPost("/", Start).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("Import a user file (multipart: file, mode fail|skip|overwrite, dryRun, format) as a background job; 202 with the job's URL.");
        group.MapGet("/{id:guid}", Get).WithSummary("An import job: state, rows done of total, rows per second, created/updated/unchanged/skipped counts.");
        group.MapGet("/{id:guid}/report", Report).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The job's row report as CSV: one line per row error (row, username, column, message).");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Stop a job: queued ones at once, running ones at their next batch.");
        return group;
    }

    /// <summary>The export belongs to the users: GET /api/users/export.</summary>
    public static void MapUserExport(this RouteGroupBuilder users) =>
        users.MapGet("/export", Export).Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Every user as a file: the core CSV format (imports back unchanged), or a connector's format (zip of files when it limits rows per file).");

    private static async Task<Results<Accepted<ImportJobDto>, ProblemHttpResult>> Start(HttpContext http, IMediator mediator, ImportFiles files, ImportSignal signal, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new ValidationFailedException([new("file", "Send the file as multipart/form-data with a 'file' part (and 'mode', 'dryRun', 'format' fields).")]);
        }
        var job = await StartAsync(await http.Request.ReadFormAsync(ct), mediator, files, signal, ct);
        return TypedResults.Accepted($"/api/imports/{job.Id}", job);
    }

    /// <summary>Stores the uploaded file and queues its import job (the API and the admin UI's import page).</summary>
    internal static async Task<ImportJobDto> StartAsync(IFormCollection form, IMediator mediator, ImportFiles files, ImportSignal signal, CancellationToken ct)
    {
        var file = form.Files.GetFile("file") ?? throw new ValidationFailedException([new("file", "The 'file' part is missing.")]);
        var mode = form["mode"].ToString() is { Length: > 0 } m ? m.Trim().ToLowerInvariant() : ImportMode.Fail;
        var dryRunText = form["dryRun"].ToString();
        bool dryRun = false;
        if (dryRunText.Length > 0 && !bool.TryParse(dryRunText, out dryRun))
        {
            throw new ValidationFailedException([new("dryRun", $"'{dryRunText}' must be true or false.")]);
        }
        var format = form["format"].ToString() is { Length: > 0 } f ? f : null;
        var id = Guid.NewGuid();
        string path;
        await using (var upload = file.OpenReadStream())
        {
            path = await files.SaveAsync(id, upload, ct);
        }
        ImportJobDto job;
        try
        {
            job = await mediator.Send(new StartImport(id, Path.GetFileName(file.FileName), path, mode, dryRun, format), ct);
        }
        catch
        {
            ImportFiles.Delete(path);
            throw;
        }
        signal.Notify();
        return job;
    }

    private static async Task<Ok<ImportJobDto>> Get(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetImportJob(id), ct));

    private static async Task Report(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        // Unknown job: the 404 is thrown before any byte of the body is written.
        await mediator.Send(new GetImportJob(id), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id:N}-report.csv\"";
        await mediator.Send(new WriteImportReport(id, http.Response.Body), ct);
    }

    private static async Task<Ok<ImportJobDto>> Cancel(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new CancelImport(id), ct));

    private static async Task Export(HttpContext http, IMediator mediator, IConnectorCatalog catalog, CancellationToken ct, string? format = null)
    {
        var shape = ExportUsers.ShapeOf(catalog, format);
        http.Response.ContentType = shape.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{shape.FileName}\"";
        // Streamed: the response is written page by page, never built in memory.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (shape.Zip && http.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            // ZipArchive writes its central directory synchronously when it is closed.
            body.AllowSynchronousIO = true;
        }
        await mediator.Send(new ExportUsers(format, http.Response.Body), ct);
    }
}
