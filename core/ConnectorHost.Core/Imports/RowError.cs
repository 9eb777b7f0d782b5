namespace ConnectorHost.Core.Imports;

/// <summary>One problem of one row: the file's column at fault ("*" for the row as a whole) and what is wrong.</summary>
internal sealed record RowError(string Column, string Message);
