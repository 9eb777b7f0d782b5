using Microsoft.AspNetCore.Antiforgery;

namespace ConnectorHost.Access;

/// <summary>
/// CSRF: a change made with the sign-in cookie must carry the anti-forgery token (header <c>X-CSRF-TOKEN</c>, or the
/// form field of a sign-in page form). A cross-site form post carries the cookie but cannot know the token, so it is
/// refused with 403. Requests authenticated with an API key carry no ambient credential and need no token.
/// </summary>
internal sealed class CookieWriteProtection(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && AccessClaims.IsSession(context.User) && !await antiforgery.IsRequestValidAsync(context))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Anti-forgery check failed",
                detail: $"A change made with the sign-in cookie must send the anti-forgery token from GET /api/me in the {AccessSchemes.AntiforgeryHeader} header.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
