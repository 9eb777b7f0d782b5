using ConnectorHost.Core.Imports.UserFiles;
using ConnectorHost.Core.Persistence;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports.ImportReport;

/// <summary>
/// Writes a job's row report as CSV (row, username, column, message; one line per error), streamed from the database;
/// <see cref="Rows"/>: at most that many lines after the header (a page that shows the first ones reads only those).
/// </summary>
public sealed record WriteImportReport(Guid Id, Stream Output, int? Rows = null) : Pipeline.IQuery<MediatR.Unit>;

internal sealed class WriteImportReportHandler(HostDbContext db) : MediatR.IRequestHandler<WriteImportReport, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(WriteImportReport request, CancellationToken cancellationToken)
    {
        if (!await db.ImportJobs.AnyAsync(j => j.Id == request.Id, cancellationToken))
        {
            throw new NotFoundException("Import job", request.Id);
        }
        await using var csv = CsvWriter.Create(request.Output, CsvWriterOptions.Default with
        {
            Injection = CsvInjection.Escape,
            InjectionEscape = UserFileCells.InjectionEscape,
            WriteByteOrderMark = true,
        }, leaveOpen: true);
        csv.WriteRecord(["row", "username", "column", "message"]);
        var results = db.ImportRowResults.AsNoTracking().Where(r => r.JobId == request.Id).OrderBy(r => r.Row).ThenBy(r => r.Id);
        var shown = request.Rows is { } rows ? results.Take(rows) : results;
        await foreach (var result in shown.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync([result.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Username ?? "", result.Column, result.Message], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
