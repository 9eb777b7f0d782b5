namespace ConnectorHost.Sdk.Bulk;

/// <summary>What a <see cref="UserFileColumn"/> holds: a core user field or one of the connector's user settings.</summary>
public abstract record UserFileTarget
{
    private protected UserFileTarget()
    {
    }

    /// <summary>The column holds a core user field.</summary>
    public static UserFileTarget Core(CoreColumn column) => new CoreFieldTarget(column);

    /// <summary>The column holds the connector's user setting <paramref name="fieldKey"/> (a key of its user schema).</summary>
    public static UserFileTarget Setting(string fieldKey) => new SettingTarget(fieldKey);
}
