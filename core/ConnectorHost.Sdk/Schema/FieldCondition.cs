using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Schema;

/// <summary>A condition on another field's value in the same document.</summary>
/// <param name="Field">Key of the other field.</param>
/// <param name="Is">The value that makes the condition true (compared after normalizing, e.g. <c>true</c> or <c>"sequential"</c>).</param>
public sealed record FieldCondition(string Field, JsonNode? Is);
