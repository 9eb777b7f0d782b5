using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.Owners;

/// <summary>
/// What differs between user, group and role settings (table, schema, connector check, notification); everything
/// else (version guard, schema rules, storing, masking) is the one generic path in the use cases.
/// </summary>
internal abstract class SettingsOwnerKind
{
    public static SettingsOwnerKind Of(SettingsOwner owner) => owner switch
    {
        SettingsOwner.User => UserSettingsOwner.Instance,
        SettingsOwner.Group => GroupSettingsOwner.Instance,
        SettingsOwner.Role => RoleSettingsOwner.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(owner), owner, null),
    };

    public static SettingsOwnerKind Of(IConnectorSetting setting) => setting switch
    {
        UserConnectorSetting => UserSettingsOwner.Instance,
        GroupConnectorSetting => GroupSettingsOwner.Instance,
        RoleConnectorSetting => RoleSettingsOwner.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting.GetType().Name, null),
    };

    public abstract SettingsOwner Owner { get; }

    /// <summary>The owner's name in messages: "User", "Group", "Role".</summary>
    public string Name => Owner.ToString();

    /// <summary>The schema's fields for this kind of owner.</summary>
    public abstract IReadOnlyList<FieldSchema> Fields(ConnectorHost.Sdk.Schema.ConnectorSchema schema);

    /// <summary>The owner entity (tracked), or null when the id is unknown.</summary>
    public abstract Task<object?> FindOwnerAsync(HostDbContext db, Guid ownerId, CancellationToken cancellationToken);

    /// <summary>The stored document (tracked), or null.</summary>
    public abstract Task<IConnectorSetting?> FindAsync(HostDbContext db, Guid ownerId, string connectorId, CancellationToken cancellationToken);

    /// <summary>A new, not yet added, document row.</summary>
    public abstract IConnectorSetting New(Guid ownerId, string connectorId, DateTime now);

    /// <summary>The connector's own verdict on a document, or null when it does not check this kind of settings.</summary>
    public abstract Task<SettingsValidation?> AskConnectorAsync(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorDispatcher dispatcher, string connectorId, ConnectorDescription description,
        Guid ownerId, JsonObject settings, JsonObject? previous, CancellationToken cancellationToken);

    /// <summary>The notification plugins get when the owner's settings changed (connectors see it as a change of the owner).</summary>
    public abstract INotification Changed(object owner);
}
