using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core;

// The use cases signal failures with these; the host maps each to one HTTP status / CLI exit message.
/// <summary>Input is invalid (HTTP 400); every field error is listed.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
