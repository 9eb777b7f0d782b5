namespace ConnectorHost.Core.Sync;

public enum SyncOperation
{
    Upsert,
    Delete,
}
