namespace ConnectorHost.Core;

/// <summary>
/// A replace (PUT) may carry a representation's read-only members back unchanged, so GET → edit → PUT works;
/// a changed one is refused with a 400 naming it rather than silently dropped.
/// </summary>
internal static class ReadOnlyMembers
{
    public static void RequireUnchanged(string field, object? sent, object stored, string howToChange)
    {
        if (sent is not null && !Equals(sent, stored))
        {
            throw new ValidationFailedException([new(field, $"'{field}' is read-only here; {howToChange}")]);
        }
    }
}
