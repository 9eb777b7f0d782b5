using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Settings documents written as the JSON an admin form or API client sends.</summary>
internal static class SettingsJson
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
