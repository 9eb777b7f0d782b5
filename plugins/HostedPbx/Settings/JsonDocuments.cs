using System.Text.Json.Nodes;

namespace HostedPbx.Settings;

/// <summary>JSON document handling shared by the handlers.</summary>
internal static class JsonDocuments
{
    /// <summary>
    /// A copy parsed from text. Documents handed back to the host are re-parsed so numbers built in code
    /// (e.g. a boxed long) look exactly like numbers parsed from a request body.
    /// </summary>
    public static JsonObject Reparse(JsonObject document) => JsonNode.Parse(document.ToJsonString())!.AsObject();
}
