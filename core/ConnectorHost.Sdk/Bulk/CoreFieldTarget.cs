namespace ConnectorHost.Sdk.Bulk;

/// <summary>A column holding a core user field.</summary>
/// <param name="Column">The core field.</param>
public sealed record CoreFieldTarget(CoreColumn Column) : UserFileTarget;
