namespace ConnectorHost.Conformance;

/// <summary>A connector broke at least one rule of the host's contract; the message lists every check.</summary>
public sealed class ConformanceFailedException(ConformanceReport report)
    : Exception($"{report.Failures.Count} conformance check(s) failed.{Environment.NewLine}{report}")
{
    /// <summary>The full report.</summary>
    public ConformanceReport Report { get; } = report;
}
