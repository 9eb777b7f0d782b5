namespace ConnectorHost.Access;

/// <summary>Section <c>ConnectorHost:Access</c>: session lifetimes and cookie security.</summary>
internal sealed class AccessOptions
{
    /// <summary>A session unused this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Send the session cookie over HTTPS only, even when a request came in over HTTP (set behind a TLS proxy).</summary>
    public bool SecureCookiesOnly { get; set; }
}
