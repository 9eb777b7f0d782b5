using System.Globalization;
using System.Security.Claims;
using ConnectorHost.Core.Access.GetAdminSession;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ConnectorHost.Access;

/// <summary>
/// The sign-in cookie: HttpOnly, SameSite=Strict, secure when the request is (or always, by option), a browser-session
/// cookie whose ticket ends after <see cref="AccessOptions.IdleTimeout"/> unused or <see cref="AccessOptions.AbsoluteTimeout"/>
/// after sign-in. Every request re-checks the account: disabled, deleted, or a changed password or role ends the session.
/// API-style requests (anything not asking for HTML) get 401/403 instead of a redirect to the sign-in page.
/// </summary>
internal static class SessionCookie
{
    public const string SignInPath = "/signin";

    public static void Configure(CookieAuthenticationOptions o, AccessOptions access, TimeProvider time)
    {
        o.Cookie.Name = AccessSchemes.CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = access.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.Cookie.IsEssential = true;
        o.ExpireTimeSpan = access.IdleTimeout;
        o.SlidingExpiration = true;
        o.TimeProvider = time;
        o.LoginPath = SignInPath;
        o.LogoutPath = "/signout";
        o.AccessDeniedPath = SignInPath;
        o.ReturnUrlParameter = "returnUrl";
        o.Events.OnRedirectToLogin = c => Refuse(c, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = c => Refuse(c, StatusCodes.Status403Forbidden);
        o.Events.OnValidatePrincipal = c => ValidateAsync(c, access, time);
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (WantsPage(context.Request) && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }
        return Task.CompletedTask;
    }

    /// <summary>A browser navigating to a page (not the API) is sent to sign in; scripts and API clients get the status.</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context, AccessOptions access, TimeProvider time)
    {
        var user = context.Principal!;
        var started = long.TryParse(user.FindFirstValue(AccessClaims.Started), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        var valid = time.GetUtcNow() - started < access.AbsoluteTimeout
            && Guid.TryParse(user.FindFirstValue(AccessClaims.Id), out var id)
            && user.FindFirstValue(AccessClaims.Stamp) is { } stamp
            && await context.HttpContext.RequestServices.GetRequiredService<IMediator>().Send(new GetAdminSession(id, stamp), context.HttpContext.RequestAborted) is not null;
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
        }
    }
}
