using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.Owners;

internal sealed class GroupSettingsOwner : SettingsOwnerKind
{
    public static GroupSettingsOwner Instance { get; } = new();

    public override SettingsOwner Owner => SettingsOwner.Group;

    public override IReadOnlyList<FieldSchema> Fields(ConnectorSchema schema) => schema.Group;

    public override async Task<object?> FindOwnerAsync(HostDbContext db, Guid ownerId, CancellationToken cancellationToken) =>
        await db.Groups.FindAsync([ownerId], cancellationToken);

    public override async Task<IConnectorSetting?> FindAsync(HostDbContext db, Guid ownerId, string connectorId, CancellationToken cancellationToken) =>
        await db.GroupConnectorSettings.FindAsync([ownerId, connectorId], cancellationToken);

    public override IConnectorSetting New(Guid ownerId, string connectorId, DateTime now) =>
        new GroupConnectorSetting { GroupId = ownerId, ConnectorId = connectorId, UpdatedAt = now };

    public override async Task<SettingsValidation?> AskConnectorAsync(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorDispatcher dispatcher, string connectorId, ConnectorDescription description,
        Guid ownerId, JsonObject settings, JsonObject? previous, CancellationToken cancellationToken)
    {
        if (!description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateGroupSettings))
        {
            return null;
        }
        var context = await DirectoryQueries.LoadGroupAsync(db, secrets, connectorId, ownerId, cancellationToken)
            ?? throw new NotFoundException(Name, ownerId);
        return await dispatcher.SendAsync(connectorId, new ValidateGroupSettings(context with { Settings = settings }, previous), cancellationToken);
    }

    public override INotification Changed(object owner) => new GroupChanged(ChangeKind.Updated, GroupSnapshots.From((Group)owner));
}
