using ConnectorHost.Core.Roles;
using ConnectorHost.Core.Roles.CreateRole;
using ConnectorHost.Core.Roles.RoleChoices;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Roles;

/// <summary>The roles and a form for a new one (the CreateRole use case checks it).</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    public IReadOnlyList<RoleDto> Roles { get; private set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var role = await mediator.Send(new CreateRole(Key ?? "", Name ?? "", string.IsNullOrWhiteSpace(Description) ? null : Description), ct);
            Flash = Text.Created;
            return Redirect($"/roles/{role.Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) => Roles = await mediator.Send(new RoleChoices(), ct);
}
