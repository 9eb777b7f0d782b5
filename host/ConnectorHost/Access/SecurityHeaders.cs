namespace ConnectorHost.Access;

/// <summary>
/// Headers on every answer: a CSP that allows no inline script and no framing, nosniff, no referrer. The API
/// explorer (Scalar, a third-party page with one inline bootstrap script) is the one exception: its inline script is
/// allowed by the hash of its exact text, computed from the page itself (see <see cref="ExplorerScriptHash"/>).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
