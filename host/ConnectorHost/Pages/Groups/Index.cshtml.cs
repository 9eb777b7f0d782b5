using ConnectorHost.Core.Groups.CreateGroup;
using ConnectorHost.Core.Groups.GroupChoices;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Groups;

/// <summary>The group tree and a form for a new group (the CreateGroup use case checks key, name and parent).</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    public IReadOnlyList<GroupTreeRow> Rows { get; private set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid? ParentId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var group = await mediator.Send(new CreateGroup(Key ?? "", Name ?? "", ParentId), ct);
            Flash = Text.Created;
            return Redirect($"/groups/{group.Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) => Rows = GroupTreeRow.Of(await mediator.Send(new GroupChoices(), ct));
}
