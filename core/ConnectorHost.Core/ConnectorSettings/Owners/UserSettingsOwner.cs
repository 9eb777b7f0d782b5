using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.Owners;

internal sealed class UserSettingsOwner : SettingsOwnerKind
{
    public static UserSettingsOwner Instance { get; } = new();

    public override SettingsOwner Owner => SettingsOwner.User;

    public override IReadOnlyList<FieldSchema> Fields(ConnectorSchema schema) => schema.User;

    public override async Task<object?> FindOwnerAsync(HostDbContext db, Guid ownerId, CancellationToken cancellationToken) =>
        await db.Users.FindAsync([ownerId], cancellationToken);

    public override async Task<IConnectorSetting?> FindAsync(HostDbContext db, Guid ownerId, string connectorId, CancellationToken cancellationToken) =>
        await db.UserConnectorSettings.FindAsync([ownerId, connectorId], cancellationToken);

    public override IConnectorSetting New(Guid ownerId, string connectorId, DateTime now) =>
        new UserConnectorSetting { UserId = ownerId, ConnectorId = connectorId, UpdatedAt = now };

    public override async Task<SettingsValidation?> AskConnectorAsync(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorDispatcher dispatcher, string connectorId, ConnectorDescription description,
        Guid ownerId, JsonObject settings, JsonObject? previous, CancellationToken cancellationToken)
    {
        if (!description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateUserSettings))
        {
            return null;
        }
        var context = await DirectoryQueries.LoadUserAsync(db, secrets, connectorId, ownerId, cancellationToken)
            ?? throw new NotFoundException(Name, ownerId);
        return await dispatcher.SendAsync(connectorId, new ValidateUserSettings(context with { Settings = settings }, previous), cancellationToken);
    }

    public override INotification Changed(object owner) => new UserChanged(ChangeKind.Updated, UserSnapshots.From((User)owner));
}
