namespace HostedPbx.Testing;

/// <summary>A request the fake PBX received: method, path with query, every header and the body as text.</summary>
internal sealed record FakePbxCall(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Authorization => Header("Authorization");

    public string? IdempotencyKey => Header("Idempotency-Key");

    /// <summary>The header's value, or null when the request did not carry it (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
