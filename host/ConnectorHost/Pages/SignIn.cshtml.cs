using ConnectorHost.Access;
using ConnectorHost.Core.Access.SignIn;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnectorHost.Pages;

/// <summary>The sign-in form: a wrong password counts towards the lockout; success starts a cookie session and returns to the page asked for.</summary>
internal sealed class SignInModel(IMediator mediator, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = PageText.Current;
        var outcome = await mediator.Send(new SignIn(Username ?? "", Password ?? ""), cancellationToken);
        if (!outcome.Succeeded)
        {
            Error = outcome.LockedUntil is { } until ? text.LockedOutUntil(until) : text.WrongCredentials;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Password = null;
            return Page();
        }
        await HttpContext.SignInAsync(AccessSchemes.Cookie, AccessClaims.ForAccount(outcome.Account!, outcome.SecurityStamp!, time.GetUtcNow()),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
