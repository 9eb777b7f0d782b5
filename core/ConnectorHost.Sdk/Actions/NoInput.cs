namespace ConnectorHost.Sdk.Actions;

/// <summary>The input of an action that takes none (any field sent is refused as unknown).</summary>
public sealed record NoInput;
