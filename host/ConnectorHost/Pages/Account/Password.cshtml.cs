using ConnectorHost.Access;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Account;

/// <summary>Change your own password (any signed-in role); the rules and the lockout are the account use cases'.</summary>
internal sealed class PasswordModel(IMediator mediator, TimeProvider time) : AdminPageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? RepeatPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (NewPassword != RepeatPassword)
        {
            ModelState.AddModelError("repeat", Text.PasswordsDiffer);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            await OwnPassword.ChangeAsync(HttpContext, mediator, time, CurrentPassword ?? "", NewPassword ?? "", PageText.Current, ct);
            Flash = Text.PasswordChanged;
            return Redirect("/account/password");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
