using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Roles;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.Owners;

/// <summary>Role settings pass the schema's generic rules only; the connector reads them in every holder's user context.</summary>
internal sealed class RoleSettingsOwner : SettingsOwnerKind
{
    public static RoleSettingsOwner Instance { get; } = new();

    public override SettingsOwner Owner => SettingsOwner.Role;

    public override IReadOnlyList<FieldSchema> Fields(ConnectorSchema schema) => schema.Role;

    public override async Task<object?> FindOwnerAsync(HostDbContext db, Guid ownerId, CancellationToken cancellationToken) =>
        await db.Roles.FindAsync([ownerId], cancellationToken);

    public override async Task<IConnectorSetting?> FindAsync(HostDbContext db, Guid ownerId, string connectorId, CancellationToken cancellationToken) =>
        await db.RoleConnectorSettings.FindAsync([ownerId, connectorId], cancellationToken);

    public override IConnectorSetting New(Guid ownerId, string connectorId, DateTime now) =>
        new RoleConnectorSetting { RoleId = ownerId, ConnectorId = connectorId, UpdatedAt = now };

    public override Task<SettingsValidation?> AskConnectorAsync(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorDispatcher dispatcher, string connectorId, ConnectorDescription description,
        Guid ownerId, JsonObject settings, JsonObject? previous, CancellationToken cancellationToken) =>
        Task.FromResult<SettingsValidation?>(null);

    public override INotification Changed(object owner) => new RoleChanged(ChangeKind.Updated, RoleSnapshots.From((Role)owner));
}
