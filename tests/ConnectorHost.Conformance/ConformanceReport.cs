namespace ConnectorHost.Conformance;

/// <summary>Every check of one conformance run, in the order run.</summary>
/// <param name="ConnectorId">The connector checked.</param>
/// <param name="Checks">The checks and their outcomes.</param>
public sealed record ConformanceReport(string ConnectorId, IReadOnlyList<ConformanceCheck> Checks)
{
    /// <summary>The failed checks.</summary>
    public IReadOnlyList<ConformanceCheck> Failures => [.. Checks.Where(c => c.Outcome == ConformanceOutcome.Failed)];

    /// <summary>The check named <paramref name="name"/> (one of <see cref="ConformanceChecks"/>).</summary>
    public ConformanceCheck this[string name] => Checks.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"The run has no check named '{name}'.");

    /// <summary>Throws <see cref="ConformanceFailedException"/> listing every failure, when there is one.</summary>
    public void ThrowIfFailed()
    {
        if (Failures.Count > 0)
        {
            throw new ConformanceFailedException(this);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Conformance of '{ConnectorId}':{Environment.NewLine}{string.Join(Environment.NewLine, Checks)}";
}
