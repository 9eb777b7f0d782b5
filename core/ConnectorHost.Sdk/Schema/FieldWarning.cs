namespace ConnectorHost.Sdk.Schema;

/// <summary>Something an admin should know about a field that does not stop the change, e.g. a value that has no effect.</summary>
/// <param name="Field">The field the warning is about.</param>
/// <param name="Message">A readable message.</param>
/// <param name="Code">What it is about, for programs.</param>
public sealed record FieldWarning(string Field, string Message, string Code);
