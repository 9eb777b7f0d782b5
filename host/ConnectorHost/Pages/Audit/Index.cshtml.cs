using ConnectorHost.Core;
using ConnectorHost.Core.Audit.ListAudit;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Audit;

/// <summary>The audit log, newest first, filtered by entity type and id (the ListAudit use case).</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true, Name = "entity")]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AuditEntryDto> Entries { get; private set; } = new([], 1, PageSize, 0);

    public int Pages => Math.Max(1, (Entries.TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Entries = await mediator.Send(new ListAudit(Math.Max(1, PageNumber), PageSize, Blank(EntityType), Blank(EntityId)), ct);
        }
        catch (ValidationFailedException ex)
        {
            FormErrors.AddRange(ex.Errors.Select(e => e.Message));
        }
    }

    public string Link(int page) => "/audit" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["type"] = EntityType,
        ["entity"] = EntityId,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
