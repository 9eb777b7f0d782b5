using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.PutGroupConnectorSettings;

/// <summary>Replaces one connector's settings of a group (generic schema rules, then the connector's rules).</summary>
public sealed record PutGroupConnectorSettings(Guid GroupId, string ConnectorId, JsonObject Settings, VersionCondition? ExpectedVersion) : ICommand<ConnectorSettingsDto>;

internal sealed class PutGroupConnectorSettingsHandler(HostDbContext db, Secrets.SettingsSecrets secrets, TimeProvider time, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, PendingNotifications notifications)
    : MediatR.IRequestHandler<PutGroupConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(PutGroupConnectorSettings request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId);
        var group = await db.Groups.FindAsync([request.GroupId], cancellationToken) ?? throw new NotFoundException("Group", request.GroupId);
        var stored = await db.GroupConnectorSettings.FirstOrDefaultAsync(s => s.GroupId == request.GroupId && s.ConnectorId == request.ConnectorId, cancellationToken);
        VersionGuard.Check("Connector settings", $"{request.ConnectorId} of group {request.GroupId}", request.ExpectedVersion, stored?.Version ?? 0);
        var fields = description.Schema.Group;
        var storedDocument = stored is null ? null : DirectoryQueries.Parse(stored.Json);
        var (proposed, previous, kept) = SettingsCheck.Prepare(secrets, fields, request.Settings, storedDocument);

        var settings = SettingsCheck.ApplySchema(fields, proposed, previous, kept);
        if (description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateGroupSettings))
        {
            var context = await DirectoryQueries.LoadGroupAsync(db, secrets, request.ConnectorId, request.GroupId, cancellationToken)
                ?? throw new NotFoundException("Group", request.GroupId);
            var vendor = await dispatcher.SendAsync(request.ConnectorId, new ValidateGroupSettings(context with { Settings = settings }, previous), cancellationToken);
            settings = SettingsCheck.ApplyVendor(vendor, settings);
        }

        if (stored is null)
        {
            stored = new GroupConnectorSetting { GroupId = request.GroupId, ConnectorId = request.ConnectorId, UpdatedAt = DateTime.UtcNow };
            db.GroupConnectorSettings.Add(stored);
        }
        else
        {
            stored.MarkChanged();
        }
        var document = await SettingsCheck.StoreAsync(db, secrets, fields, settings, kept, storedDocument, time.GetUtcNow().UtcDateTime, cancellationToken);
        stored.Json = document.ToJsonString();
        notifications.Add(new GroupChanged(ChangeKind.Updated, GroupSnapshots.From(group)));
        return ConnectorSettingsDto.From(request.ConnectorId, request.GroupId, fields, document, stored.Version);
    }
}
