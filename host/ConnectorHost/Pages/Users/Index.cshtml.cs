using ConnectorHost.Core;
using ConnectorHost.Core.Users;
using ConnectorHost.Core.Users.ListUsers;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Users;

/// <summary>The user list: search (name, username, e-mail, extension), paging and sorting come from the ListUsers use case.</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<UserDto> Users { get; private set; } = new([], 1, PageSize, 0);

    public int Pages => Math.Max(1, (Users.TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Users = await mediator.Send(new ListUsers(Math.Max(1, PageNumber), PageSize, Search, Sort), ct);
        }
        catch (ValidationFailedException ex)
        {
            ShowRefusal(ex);
            FormErrors.AddRange(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }
    }

    /// <summary>Link to this list with one value changed; clicking the sorted column again reverses it.</summary>
    public string Link(int? page = null, string? sortBy = null)
    {
        var sort = sortBy is null ? Sort : Sort == sortBy ? "-" + sortBy : sortBy;
        var query = new Dictionary<string, string?> { ["q"] = Search, ["sort"] = sort, ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return "/users" + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public string SortMark(string key) => Sort == key ? " ▲" : Sort == "-" + key ? " ▼" : "";

    public string? AriaSort(string key) => Sort == key ? "ascending" : Sort == "-" + key ? "descending" : null;
}
