namespace ConnectorHost.Core.Domain;

/// <summary>One error of one row of an import job (a row may have several), kept for the row report.</summary>
public sealed class ImportRowResult
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int Row { get; set; }
    public string? Username { get; set; }
    /// <summary>The file's column at fault, or "*" for the row as a whole.</summary>
    public string Column { get; set; } = "";
    public string Message { get; set; } = "";
}
