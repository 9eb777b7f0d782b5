namespace ConnectorHost.Core;

internal static class VersionGuard
{
    /// <summary>Throws when the caller sent a condition (If-Match) that the stored version does not meet.</summary>
    public static void Check(string entity, object id, VersionCondition? expected, int actual)
    {
        if (expected is not null && !expected.IsMetBy(actual))
        {
            throw new VersionMismatchException(entity, id, expected, actual);
        }
    }
}
