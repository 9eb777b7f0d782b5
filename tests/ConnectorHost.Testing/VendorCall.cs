namespace ConnectorHost.Testing;

/// <summary>A request a fake vendor received: method, path with query, every header and the body as text.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query string, e.g. <c>/api/users?limit=10</c>.</param>
/// <param name="Headers">Every request header (names case-insensitive).</param>
/// <param name="Body">The body as text (empty when none).</param>
public sealed record VendorCall(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The header's value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The path without the query string.</summary>
    public string PathOnly => Path.Split('?')[0];
}
