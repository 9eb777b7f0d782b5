namespace ConnectorHost.Core.Domain;

public static class VersionedExtensions
{
    /// <summary>Bumps the version a handler returns as the new ETag; the save uses the old one as concurrency check.</summary>
    public static void MarkChanged(this IVersioned entity)
    {
        entity.Version++;
        entity.UpdatedAt = DateTime.UtcNow;
    }
}
