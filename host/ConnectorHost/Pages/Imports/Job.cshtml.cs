using System.Globalization;
using ConnectorHost.Core;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Imports.CancelImport;
using ConnectorHost.Core.Imports.GetImportJob;
using ConnectorHost.Core.Imports.ImportReport;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Imports;

/// <summary>One import job: live progress (admin.js polls GET /api/imports/{id}; without script the page refreshes itself) and the row report.</summary>
internal sealed class JobModel(IMediator mediator) : AdminPageModel
{
    public const int ReportRowsShown = 200;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ImportJobDto Job { get; private set; } = null!;

    /// <summary>The report's header and first rows (row, username, column, message).</summary>
    public IReadOnlyList<string[]> Report { get; private set; } = [];

    public bool Running => Job.FinishedAt is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Job = await mediator.Send(new GetImportJob(Id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!Running)
        {
            using var buffer = new MemoryStream();
            await mediator.Send(new WriteImportReport(Id, buffer, ReportRowsShown), ct);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer);
            using var csv = global::CsvHelper.CsvReader.Create(reader, global::CsvHelper.CsvReaderOptions.Default with { HasHeader = true });
            var rows = new List<string[]>();
            rows.Add([.. csv.Headers]);
            while (rows.Count <= ReportRowsShown && csv.Read())
            {
                rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
            }
            Report = rows;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        await mediator.Send(new CancelImport(Id), ct);
        return Redirect($"/imports/{Id}");
    }
}
