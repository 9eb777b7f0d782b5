namespace ConnectorHost.Core.Pipeline;

/// <summary>
/// A request that checks connector settings against option lists the connector supplies at run time.
/// <see cref="FieldOptionsBehaviour{TRequest, TResponse}"/> refreshes those lists before the transaction starts,
/// so no vendor call ever runs while the database write lock is held.
/// </summary>
internal interface IChecksConnectorSettings
{
    /// <summary>The connector whose lists are needed, or null for every loaded connector.</summary>
    string? OptionsConnectorId { get; }
}
