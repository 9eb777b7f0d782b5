namespace ConnectorHost.Core.Imports;

/// <summary>What an import does with bad rows and with users that exist already.</summary>
public static class ImportMode
{
    /// <summary>All or nothing: any bad row, or a username that exists, imports nothing.</summary>
    public const string Fail = "fail";
    /// <summary>Good rows are imported, bad rows (and existing usernames) are reported.</summary>
    public const string Skip = "skip";
    /// <summary>Users matched by username are updated; unchanged rows are not touched; bad rows are reported.</summary>
    public const string Overwrite = "overwrite";

    public static IReadOnlyList<string> All { get; } = [Fail, Skip, Overwrite];
}
