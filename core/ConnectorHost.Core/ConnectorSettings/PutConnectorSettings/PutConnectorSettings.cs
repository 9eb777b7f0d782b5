using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;

/// <summary>
/// Replaces one connector's settings of a user, group or role: the schema's generic rules first, then the
/// connector's own vendor rules (users and groups); each stage reports all of its errors at once, and nothing is
/// stored unless both pass.
/// </summary>
public sealed record PutConnectorSettings(SettingsOwner Owner, Guid OwnerId, string ConnectorId, JsonObject Settings, VersionCondition? ExpectedVersion)
    : ICommand<ConnectorSettingsDto>;

internal sealed class PutConnectorSettingsHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, PendingNotifications notifications, TimeProvider time)
    : MediatR.IRequestHandler<PutConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(PutConnectorSettings request, CancellationToken cancellationToken)
    {
        var kind = SettingsOwnerKind.Of(request.Owner);
        var description = catalog.RequireLoaded(request.ConnectorId);
        var fields = kind.Fields(description.Schema);
        var owner = await kind.FindOwnerAsync(db, request.OwnerId, cancellationToken) ?? throw new NotFoundException(kind.Name, request.OwnerId);
        if (fields.Count == 0 && request.Owner == SettingsOwner.Role)
        {
            // Without role fields every key would be "unknown"; say what is actually wrong.
            throw new ValidationFailedException([new("connectorId", $"Connector '{request.ConnectorId}' takes no role settings.")]);
        }
        var stored = await kind.FindAsync(db, request.OwnerId, request.ConnectorId, cancellationToken);
        var what = $"{request.ConnectorId} of {kind.Name.ToLowerInvariant()} {request.OwnerId}";
        VersionGuard.Check("Connector settings", what, request.ExpectedVersion, stored?.Version ?? 0);
        var storedDocument = stored is null ? null : DirectoryQueries.Parse(stored.Json);
        var (proposed, previous, kept) = SettingsCheck.Prepare(secrets, fields, request.Settings, storedDocument);

        var settings = SettingsCheck.ApplySchema(fields, proposed, previous, kept);
        if (await kind.AskConnectorAsync(db, secrets, dispatcher, request.ConnectorId, description, request.OwnerId, settings, previous, cancellationToken) is { } vendor)
        {
            settings = SettingsCheck.ApplyVendor(vendor, settings);
        }

        if (stored is null)
        {
            stored = kind.New(request.OwnerId, request.ConnectorId, time.GetUtcNow().UtcDateTime);
            db.Add(stored);
        }
        else
        {
            stored.MarkChanged();
        }
        var document = await SettingsCheck.StoreAsync(db, secrets, fields, settings, kept, storedDocument, time.GetUtcNow().UtcDateTime, cancellationToken);
        stored.Json = document.ToJsonString();
        notifications.Add(kind.Changed(owner));
        return ConnectorSettingsDto.From(request.ConnectorId, request.OwnerId, fields, document, stored.Version);
    }
}
