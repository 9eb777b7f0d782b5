using ConnectorHost.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnectorHost.Pages;

/// <summary>Sign-out is a form post (anti-forgery checked), so a link on another site cannot sign an admin out.</summary>
internal sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AccessSchemes.Cookie);
        return LocalRedirect(SessionCookie.SignInPath);
    }
}
