namespace ConnectorHost.Sdk.Bulk;

/// <summary>A column holding one of the contributing connector's user settings.</summary>
/// <param name="FieldKey">The key in the connector's user schema.</param>
public sealed record SettingTarget(string FieldKey) : UserFileTarget;
