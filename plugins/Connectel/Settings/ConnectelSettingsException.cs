using ConnectorHost.Sdk.Schema;

namespace Connectel.Settings;

/// <summary>The connector-level settings in plugins.json are invalid; the message names every bad field (never a secret's value).</summary>
public sealed class ConnectelSettingsException(IReadOnlyList<FieldError> errors)
    : Exception("Connectel connector settings are invalid: " + string.Join(" ", errors.Select(e => $"[{e.Field}] {e.Message}")))
{
    /// <summary>The bad fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
