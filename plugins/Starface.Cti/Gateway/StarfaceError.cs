using ConnectorHost.Sdk.Gateway;
using System.Text.Json.Nodes;

namespace Starface.Cti.Gateway;

/// <summary>
/// An error answer of the STARFACE REST API: JSON <c>{code, message}</c> as the published spec and the vendor's
/// examples read it (a plain text body is kept as the message). The message is shortened and only ever shown
/// for data calls, which carry no secrets.
/// </summary>
internal sealed record StarfaceError(int Status, string? Code, string Message)
{
    private const int MaxMessageLength = 200;

    // English and German wording; recognising a message only decides whether to read the list back, never the outcome.
    private static readonly string[] NotFoundWords = ["not found", "not exist", "no such", "unknown", "nicht gefunden", "existiert nicht", "unbekannt"];
    private static readonly string[] AlreadyExistsWords = ["already exist", "already in use", "already used", "already taken", "duplicate", "existiert bereits", "bereits vergeben", "bereits vorhanden"];

    public bool SaysNotFound => Contains(NotFoundWords);

    public bool SaysAlreadyExists => Contains(AlreadyExistsWords);

    /// <summary>"message (code)" for exception texts, or null when STARFACE said nothing.</summary>
    public string? Reason => Message.Length == 0 ? null : $"{Message}{(Code is { Length: > 0 } code ? $" (code {code})" : "")}";

    /// <summary>": message (code)" for exception texts, or "." when STARFACE said nothing.</summary>
    public string Suffix => Reason is { } reason ? $": {reason}" : ".";

    public static async Task<StarfaceError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        JsonNode? json;
        try
        {
            json = text.StartsWith('{') ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }
        return json is JsonObject error && (error.ContainsKey("message") || error.ContainsKey("code"))
            ? new StarfaceError((int)response.StatusCode, VendorJson.Text(error["code"]), Shorten(VendorJson.Text(error["message"]) ?? ""))
            : new StarfaceError((int)response.StatusCode, null, Shorten(text));
    }

    private bool Contains(string[] words) => words.Any(w => Message.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length > MaxMessageLength ? text[..MaxMessageLength] + "…" : text;
}
