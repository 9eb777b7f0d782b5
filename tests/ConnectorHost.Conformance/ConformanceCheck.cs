namespace ConnectorHost.Conformance;

/// <summary>The result of one check.</summary>
/// <param name="Name">One of <see cref="ConformanceChecks"/>.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Detail">What failed or why it was skipped (secret values are replaced by their field name).</param>
public sealed record ConformanceCheck(string Name, ConformanceOutcome Outcome, string Detail = "")
{
    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0 ? $"{Outcome,-7} {Name}" : $"{Outcome,-7} {Name}: {Detail}";
}
