namespace ConnectorHost.Access;

/// <summary>The authentication schemes: the sign-in cookie, API keys, and the default that picks one per request.</summary>
internal static class AccessSchemes
{
    /// <summary>Picks <see cref="ApiKey"/> when the request carries <c>Authorization: Bearer</c>, else <see cref="Cookie"/>.</summary>
    public const string Default = "ConnectorHost";
    public const string Cookie = "Session";
    public const string ApiKey = "ApiKey";
    public const string CookieName = "connectorhost.session";
    public const string AntiforgeryCookieName = "connectorhost.csrf";
    /// <summary>The header a cookie-authenticated client sends its anti-forgery token in (from <c>GET /api/me</c>).</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
}
