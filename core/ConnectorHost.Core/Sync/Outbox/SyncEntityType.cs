namespace ConnectorHost.Core.Sync;

public enum SyncEntityType
{
    User,
    Group,
}
