namespace ConnectorHost.Sdk.Schema;

/// <summary>The codes the SDK's validator puts on <see cref="FieldWarning.Code"/>; connectors may add their own.</summary>
public static class FieldWarningCodes
{
    /// <summary>A value was sent for a field that is hidden (see <see cref="FieldSchema.VisibleWhen"/>); it is kept but has no effect.</summary>
    public const string HiddenField = "hidden_field";
    /// <summary>The allowed values come from the connector and the cached list is older than its refresh interval (vendor unreachable).</summary>
    public const string StaleOptions = "stale_options";
}
