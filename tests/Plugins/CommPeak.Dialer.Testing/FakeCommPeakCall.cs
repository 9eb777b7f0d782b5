using System.Text.Json.Nodes;

namespace CommPeak.Dialer.Testing;

/// <summary>A request the fake CommPeak received: method, path with query, the Authorization header and the body as text.</summary>
internal sealed record FakeCommPeakCall(string Method, string Path, string? Authorization, string Body)
{
    /// <summary>The body as a JSON object (null when it is none).</summary>
    public JsonObject? Json => Body.Length > 0 && JsonNode.Parse(Body) is JsonObject o ? o : null;
}
