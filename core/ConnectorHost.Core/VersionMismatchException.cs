namespace ConnectorHost.Core;

/// <summary>The caller's condition (If-Match) is not met by the stored version (HTTP 412).</summary>
public sealed class VersionMismatchException(string entity, object id, VersionCondition expected, int actual)
    : Exception(actual == 0
        ? $"{entity} '{id}' is not stored yet, so If-Match ({expected}) does not match; reload and try again."
        : $"{entity} '{id}' is at version {actual}, which If-Match ({expected}) does not match; reload and try again.")
{
    public int Actual { get; } = actual;
}
