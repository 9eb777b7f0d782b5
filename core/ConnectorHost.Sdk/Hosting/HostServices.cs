using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Sdk.Hosting;

/// <summary>
/// Read access to the core model, provided by the host to every plugin. Settings returned are this
/// connector's only; a plugin never sees another connector's settings.
/// </summary>
public interface IDirectoryReader
{
    /// <summary>One user with this connector's settings, groups and roles; null when the id is unknown.</summary>
    Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>One group with this connector's settings and its direct members; null when unknown.</summary>
    Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken);

    /// <summary>All users that have a settings document for this connector, with that document.</summary>
    Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A small document store owned by one connector, for vendor entities that have no place in the core
/// model (e.g. STARFACE CTI groups). Writes join the current request's transaction.
/// </summary>
public interface IConnectorStore
{
    /// <summary>All documents in a collection, ordered by key.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken);

    /// <summary>One document, or null.</summary>
    Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a document. <paramref name="expectedVersion"/> guards against lost updates (null: no check).</summary>
    /// <exception cref="ConnectorStoreConflictException">The stored version differs from <paramref name="expectedVersion"/>.</exception>
    Task<StoredDocument> PutAsync(string collection, string key, JsonObject document, int? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a document; returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken);
}

/// <summary>A stored connector document.</summary>
/// <param name="Key">Key within the collection.</param>
/// <param name="Document">The JSON document.</param>
/// <param name="Version">Version, incremented on every write.</param>
public sealed record StoredDocument(string Key, JsonObject Document, int Version);

/// <summary>A connector document was changed by someone else since it was read.</summary>
public sealed class ConnectorStoreConflictException(string message) : Exception(message);

/// <summary>
/// Lets a connector change its own settings of users (e.g. clear a vendor group that is being deleted).
/// Changes are audited and join the current request's transaction; the generic schema rules still apply.
/// </summary>
public interface IConnectorSettingsWriter
{
    /// <summary>Replaces this connector's settings document of a user.</summary>
    Task PutUserSettingsAsync(Guid userId, JsonObject settings, CancellationToken cancellationToken);
}
