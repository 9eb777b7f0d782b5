using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Settings;

/// <summary>The connector-level settings in plugins.json are invalid; the message names every bad field (never a secret's value).</summary>
public sealed class CommPeakSettingsException(IReadOnlyList<FieldError> errors)
    : Exception("CommPeak dialer connector settings are invalid: " + string.Join(" ", errors.Select(e => $"[{e.Field}] {e.Message}")))
{
    /// <summary>The bad fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
