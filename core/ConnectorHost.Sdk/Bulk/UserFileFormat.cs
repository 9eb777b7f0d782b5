using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Bulk;

/// <summary>
/// A vendor's user file layout (e.g. a mass-upload CSV) that a connector contributes to the host's bulk import and
/// export. The connector only declares which column holds which core field or setting; the host reads and writes the
/// file (encodings, delimiters, quoting, formula escaping, row reports) and validates every row through the same
/// checks as the API, so a plugin never carries its own CSV code.
/// </summary>
/// <param name="Name">Name used in the API and CLI (<c>--format NAME</c>), lower-case with dashes, unique per host.</param>
/// <param name="Label">Label shown to admins.</param>
/// <param name="Columns">The file's columns in export order.</param>
public sealed record UserFileFormat(string Name, LocalizedText Label, IReadOnlyList<UserFileColumn> Columns)
{
    /// <summary>
    /// The vendor accepts at most this many data rows per file: an import of a longer file is refused, an export is
    /// split into several files of at most this many rows. Null means no limit.
    /// </summary>
    public int? MaxRowsPerFile { get; init; }

    /// <summary>The delimiter written on export (import detects <c>,</c> <c>;</c> and tab).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>What the vendor does with the file and how its columns are mapped there; shown to admins.</summary>
    public string? Description { get; init; }
}
