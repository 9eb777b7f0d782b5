using ConnectorHost.Api.Imports;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Imports;
using ConnectorHost.Imports;
using ConnectorHost.Pages.Shared;
using ConnectorHost.Sdk.Bulk;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Imports;

/// <summary>Upload a user file: the same start as POST /api/imports (stored, queued, run in the background); then the job page.</summary>
[RequestSizeLimit(ImportsEndpoints.MaxUploadBytes)]
internal sealed class IndexModel(IMediator mediator, IConnectorCatalog catalog, ImportFiles files, ImportSignal signal) : AdminPageModel
{
    /// <summary>The connectors' declared file formats besides the core CSV.</summary>
    public IReadOnlyList<UserFileFormat> Formats => catalog.All.Where(c => c.Description is not null).SelectMany(c => c.Description!.FileFormats).ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var job = await ImportsEndpoints.StartAsync(await Request.ReadFormAsync(ct), mediator, files, signal, ct);
            return Redirect($"/imports/{job.Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            FormErrors.AddRange(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
