using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Requests;

/// <summary>
/// Reads the JSON input of a connector action, collecting one error per field that names it: a value of the wrong
/// type says so ("… must be text"), it is never reported as missing. Shared by every connector, so callers of any
/// action get the same answers.
/// </summary>
public sealed class ActionInput(JsonObject body)
{
    private readonly List<FieldError> _errors = [];

    /// <summary>The errors collected so far.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>True while no error was collected.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>A 400 answer naming input properties the action does not know (catches typos such as "qeury"), or null.</summary>
    public ActionResult? RejectUnknown(params string[] known)
    {
        var unknown = body.Select(p => p.Key).Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : ActionResult.Problem(400, "Unknown input",
                $"Unknown input {string.Join(", ", unknown.Select(k => $"'{k}'"))}; expected {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => $"'{k}'")))}.",
                [.. unknown.Select(k => new FieldError(k, $"'{k}' is not an input of this action."))]);
    }

    /// <summary>A required, non-empty text of at most <paramref name="maxLength"/> characters (trimmed).</summary>
    public string? RequiredText(string key, string label, int maxLength)
    {
        var text = OptionalText(key, label, maxLength);
        if (text is null && !_errors.Any(e => e.Field == key))
        {
            _errors.Add(new FieldError(key, $"{label} is required."));
        }
        return text;
    }

    /// <summary>A trimmed text, or null when absent or blank; anything but a JSON string is an error.</summary>
    public string? OptionalText(string key, string label, int maxLength)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            _errors.Add(new FieldError(key, $"{label} must be text, not {KindOf(node)}."));
            return null;
        }
        var text = v.GetValue<string>().Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            _errors.Add(new FieldError(key, $"{label} must be at most {maxLength} characters long; got {text.Length}."));
            return null;
        }
        if (text.Any(char.IsControl))
        {
            _errors.Add(new FieldError(key, $"{label} must not contain control characters."));
            return null;
        }
        return text;
    }

    /// <summary>A JSON true or false; absent is false.</summary>
    public bool OptionalBool(string key, string label)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null)
        {
            return false;
        }
        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }
        _errors.Add(new FieldError(key, $"{label} must be true or false, not {KindOf(node)}."));
        return false;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned in its listed spelling.</summary>
    public string? RequiredChoice(string key, string label, params string[] allowed)
    {
        var text = RequiredText(key, label, 100);
        if (text is null)
        {
            return null;
        }
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            _errors.Add(new FieldError(key, $"{label} must be one of: {string.Join(", ", allowed)}; got '{text}'."));
        }
        return match;
    }

    /// <summary>Adds an error of the action's own rules.</summary>
    public void AddError(string key, string message) => _errors.Add(new FieldError(key, message));

    /// <summary>The 400 answer listing every collected error.</summary>
    public ActionResult Problem(string title) =>
        ActionResult.Problem(400, title, string.Join(" ", _errors.Select(e => e.Message)), _errors);

    /// <summary>
    /// One text input on its own: the trimmed text (null when absent or blank), or a 400 answer when the value is not
    /// text, so an action never reports a number it was sent as "required".
    /// </summary>
    public static (string? Text, ActionResult? Problem) Text(JsonObject input, string key, int maxLength = 1000)
    {
        var reader = new ActionInput(input);
        var text = reader.OptionalText(key, $"'{key}'", maxLength);
        return reader.IsValid ? (text, null) : (null, reader.Problem("Invalid input"));
    }

    /// <summary>A 400 answer for one bad input property.</summary>
    public static ActionResult Invalid(string key, string message) =>
        ActionResult.Problem(400, "Invalid input", message, [new FieldError(key, message)]);

    private static string KindOf(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "text",
        _ => "null",
    };
}
