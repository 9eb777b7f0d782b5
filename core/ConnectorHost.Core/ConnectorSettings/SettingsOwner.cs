namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>What a connector settings document belongs to.</summary>
public enum SettingsOwner
{
    User,
    Group,
    Role,
}
