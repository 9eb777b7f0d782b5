using System.Text.Json;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// The push request of one user or group behind one call (MediatR 5.1 has no Send(object)). Only building the
/// request differs between users and groups; delivery treats both alike.
/// </summary>
internal abstract class PushEnvelope
{
    public abstract Task<PushResult> SendAsync(IConnectorDispatcher dispatcher, string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// The request for today's state (upsert) or the last known state kept in the delete job; null when the entity
    /// is gone or its delete job kept no state.
    /// </summary>
    public static async Task<PushEnvelope?> BuildAsync(HostDbContext db, Secrets.SettingsSecrets secrets, string connectorId, SyncEntityType type, Guid entityId, SyncOperation operation,
        string? deleteSnapshot, string? vendorId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var push = operation == SyncOperation.Delete ? PushOperation.Delete : PushOperation.Upsert;
        switch (type)
        {
            case SyncEntityType.User:
                var user = operation == SyncOperation.Delete
                    ? deleteSnapshot is null ? null : FromDeleted(JsonSerializer.Deserialize<DeletedUser>(deleteSnapshot)!)
                    : await DirectoryQueries.LoadUserAsync(db, secrets, connectorId, entityId, cancellationToken);
                return user is null ? null : new Envelope<PushUser>(new PushUser(user, push, vendorId, idempotencyKey));
            case SyncEntityType.Group:
                var group = operation == SyncOperation.Delete
                    ? deleteSnapshot is null ? null : FromDeleted(JsonSerializer.Deserialize<DeletedGroup>(deleteSnapshot)!)
                    : await DirectoryQueries.LoadGroupAsync(db, secrets, connectorId, entityId, cancellationToken);
                return group is null ? null : new Envelope<PushGroup>(new PushGroup(group, push, vendorId, idempotencyKey));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    /// <summary>An upsert whose context was loaded with the rest of its batch.</summary>
    public static PushEnvelope For(PushUser request) => new Envelope<PushUser>(request);

    /// <inheritdoc cref="For(PushUser)"/>
    public static PushEnvelope For(PushGroup request) => new Envelope<PushGroup>(request);

    private static Sdk.Model.UserContext FromDeleted(DeletedUser deleted) => new(deleted.User, deleted.Settings, [], []);

    private static Sdk.Model.GroupContext FromDeleted(DeletedGroup deleted) => new(deleted.Group, deleted.Settings, []);

    private sealed class Envelope<TRequest>(TRequest request) : PushEnvelope where TRequest : IRequest<PushResult>
    {
        public override Task<PushResult> SendAsync(IConnectorDispatcher dispatcher, string connectorId, CancellationToken cancellationToken) =>
            dispatcher.SendAsync(connectorId, request, cancellationToken);
    }
}
