namespace ConnectorHost.Core.Domain;

/// <summary>
/// One bulk import of a user file, run in the background. The uploaded file is kept on disk next to the database
/// (<see cref="FilePath"/>) until the job ends, so a job interrupted by a restart can run again.
/// </summary>
public sealed class ImportJob
{
    public Guid Id { get; set; }
    public string State { get; set; } = ImportJobStates.Queued;
    public string Mode { get; set; } = "fail";
    public bool DryRun { get; set; }
    /// <summary>The vendor format's name, or null for the core CSV format.</summary>
    public string? Format { get; set; }
    public string FileName { get; set; } = "";
    public string FilePath { get; set; } = "";
    public string Actor { get; set; } = "";
    /// <summary>Data rows whose outcome is committed (batch modes) or known (at the end of fail mode and dry runs).</summary>
    public int RowsDone { get; set; }
    public int? RowsTotal { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Skipped { get; set; }
    /// <summary>How often the job was started (a restart picks an interrupted job up again).</summary>
    public int Attempts { get; set; }
    public bool CancelRequested { get; set; }
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Seconds spent running (all attempts), for rows per second.</summary>
    public double ElapsedSeconds { get; set; }
}
