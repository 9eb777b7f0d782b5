namespace ConnectorHost.Conformance;

/// <summary>How one conformance check ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>The connector meets the rule.</summary>
    Passed,
    /// <summary>The connector breaks the rule; the detail says how.</summary>
    Failed,
    /// <summary>The rule does not apply (capability not declared) or could not be checked; the detail says why.</summary>
    Skipped,
}
