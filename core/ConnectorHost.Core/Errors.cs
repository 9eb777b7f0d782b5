using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core;

// The use cases signal failures with these; the host maps each to one HTTP status / CLI exit message.

/// <summary>Input is invalid (HTTP 400); every field error is listed.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>The entity does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string entity, object id)
    : Exception($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
}

/// <summary>The change clashes with existing data, e.g. a duplicate key (HTTP 409).</summary>
public sealed class ConflictException(string message, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];
}

/// <summary>The caller's condition (If-Match) is not met by the stored version (HTTP 412).</summary>
public sealed class VersionMismatchException(string entity, object id, VersionCondition expected, int actual)
    : Exception(actual == 0
        ? $"{entity} '{id}' is not stored yet, so If-Match ({expected}) does not match; reload and try again."
        : $"{entity} '{id}' is at version {actual}, which If-Match ({expected}) does not match; reload and try again.")
{
    public int Actual { get; } = actual;
}

/// <summary>A connector is unknown, disabled or faulted, or lacks the capability asked for (HTTP 404 / 409).</summary>
public sealed class ConnectorUnavailableException(string message, bool unknown) : Exception(message)
{
    public bool Unknown { get; } = unknown;
}

/// <summary>A connector action answered with a problem; the transaction is rolled back (HTTP status from the connector).</summary>
public sealed class ConnectorActionFailedException(Sdk.Requests.ProblemActionResult problem) : Exception(problem.Detail)
{
    public Sdk.Requests.ProblemActionResult Problem { get; } = problem;
}
