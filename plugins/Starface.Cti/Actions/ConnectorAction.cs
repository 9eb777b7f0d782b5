using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace Starface.Cti.Actions;

/// <summary>One named action of the connector; <see cref="InvokeActionHandler"/> dispatches to it by name.</summary>
internal interface IConnectorAction
{
    string Name { get; }

    Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken);
}

/// <summary>The single InvokeAction handler of the plugin: finds the action by name.</summary>
internal sealed class InvokeActionHandler(IEnumerable<IConnectorAction> actions) : IRequestHandler<InvokeAction, ActionResult>
{
    public Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken)
    {
        var action = actions.FirstOrDefault(a => string.Equals(a.Name, request.Action, StringComparison.Ordinal));
        return action is null
            ? Task.FromResult(ActionResult.Problem(404, "Unknown action", $"The starface-cti connector has no action '{request.Action}'."))
            : action.RunAsync(request, cancellationToken);
    }
}

/// <summary>Reads fields of an action's JSON body, collecting errors that name each field.</summary>
internal sealed class ActionInput(JsonObject body)
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

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

    public string? OptionalText(string key, string label, int maxLength)
    {
        if (!body.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            _errors.Add(new FieldError(key, $"{label} must be text."));
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
        _errors.Add(new FieldError(key, $"{label} must be true or false."));
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

    public void AddError(string key, string message) => _errors.Add(new FieldError(key, message));

    public ActionResult Problem(string title) =>
        ActionResult.Problem(400, title, string.Join(" ", _errors.Select(e => e.Message)), _errors);
}
