using ConnectorHost.Core;

namespace ConnectorHost.Api;

internal static class Representation
{
    /// <summary>A representation sent back to PUT may carry its id; it must be the one in the URL.</summary>
    public static void RequireSameId(Guid routeId, Guid? bodyId)
    {
        if (bodyId is { } sent && sent != routeId)
        {
            throw new ValidationFailedException([new("id", $"'id' is {sent}, but the URL names {routeId}; the id cannot change.")]);
        }
    }
}
