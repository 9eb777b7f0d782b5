namespace ConnectorHost.Core;

/// <summary>A connector action answered with a problem; the transaction is rolled back (HTTP status from the connector).</summary>
public sealed class ConnectorActionFailedException(Sdk.Requests.ProblemActionResult problem) : Exception(problem.Detail)
{
    public Sdk.Requests.ProblemActionResult Problem { get; } = problem;
}
