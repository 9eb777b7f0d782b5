namespace ConnectorHost.Core.Imports;

/// <summary>What one row did (or, in a dry run, would do).</summary>
internal enum RowOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}
