namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>
/// One data row: its number as a spreadsheet shows it (the header is row 1), its cells by layout column (null when the
/// file has no such column), and a problem with the row's shape (e.g. broken quoting), if any.
/// </summary>
internal sealed record UserFileRow(int Row, string?[] Cells, string? Malformed);
