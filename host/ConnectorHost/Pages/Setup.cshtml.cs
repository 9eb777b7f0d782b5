using ConnectorHost.Access;
using ConnectorHost.Core;
using ConnectorHost.Core.Access.CreateAdminAccount;
using ConnectorHost.Core.Domain;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnectorHost.Pages;

/// <summary>
/// The one-time setup link the host logs when it starts with no admin account: creates the first administrator and
/// signs it in. The token is spent only when the account is created; the page refuses once any account exists.
/// </summary>
internal sealed class SetupModel(IMediator mediator, SetupLink link, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Username { get; set; } = "admin";

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public bool LinkValid { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        LinkValid = link.IsValid(Token);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        LinkValid = link.IsValid(Token);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Password != Repeat)
        {
            Error = PageText.Current.PasswordsDiffer;
            return Page();
        }
        try
        {
            var account = await mediator.Send(new CreateAdminAccount(Username ?? "", Password ?? "", AdminRole.Administrator, OnlyIfNone: true), cancellationToken);
            link.Consume(Token);
            var signedIn = await mediator.Send(new Core.Access.SignIn.SignIn(account.Username, Password!), cancellationToken);
            await HttpContext.SignInAsync(AccessSchemes.Cookie, AccessClaims.ForAccount(signedIn.Account!, signedIn.SecurityStamp!, time.GetUtcNow()));
            return LocalRedirect("/");
        }
        catch (ValidationFailedException ex)
        {
            Error = string.Join(" ", ex.Errors.Select(e => e.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (ConflictException ex)
        {
            link.Consume(Token);
            LinkValid = false;
            Error = ex.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
