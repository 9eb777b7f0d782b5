using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core;

/// <summary>The change clashes with existing data, e.g. a duplicate key (HTTP 409).</summary>
public sealed class ConflictException(string message, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
}
