namespace ConnectorHost.Core;

internal static class VersionGuard
{
    /// <summary>Throws when the caller sent If-Match and it is not the stored version.</summary>
    public static void Check(string entity, object id, int? expected, int actual)
    {
        if (expected is { } e && e != actual)
        {
            throw new VersionMismatchException(entity, id, e, actual);
        }
    }
}
