namespace ConnectorHost.Core.Domain;

/// <summary>One connector's settings document for one owner (a user, group or role); one generic path handles all three.</summary>
public interface IConnectorSetting : IVersioned
{
    /// <summary>The user, group or role the document belongs to.</summary>
    Guid OwnerId { get; }

    string ConnectorId { get; }

    string Json { get; set; }
}
