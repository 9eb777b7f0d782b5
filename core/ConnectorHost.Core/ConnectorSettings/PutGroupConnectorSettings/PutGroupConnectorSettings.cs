using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.PutGroupConnectorSettings;

/// <summary>Replaces one connector's settings of a group (generic schema rules, then the connector's rules).</summary>
public sealed record PutGroupConnectorSettings(Guid GroupId, string ConnectorId, JsonObject Settings, VersionCondition? ExpectedVersion) : ICommand<ConnectorSettingsDto>, IChecksConnectorSettings
{
    string? IChecksConnectorSettings.OptionsConnectorId => ConnectorId;
}

internal sealed class PutGroupConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, PendingNotifications notifications, FieldOptionsCache options)
    : MediatR.IRequestHandler<PutGroupConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(PutGroupConnectorSettings request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId);
        var group = await db.Groups.FindAsync([request.GroupId], cancellationToken) ?? throw new NotFoundException("Group", request.GroupId);
        var stored = await db.GroupConnectorSettings.FirstOrDefaultAsync(s => s.GroupId == request.GroupId && s.ConnectorId == request.ConnectorId, cancellationToken);
        VersionGuard.Check("Connector settings", $"{request.ConnectorId} of group {request.GroupId}", request.ExpectedVersion, stored?.Version ?? 0);
        var previous = stored is null ? null : DirectoryQueries.Parse(stored.Json);

        var warnings = new List<FieldWarning>();
        var settings = SettingsCheck.ApplySchema(description.Schema.Group, request.Settings, previous, options.Current(request.ConnectorId, description.Schema.Group), warnings);
        if (description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateGroupSettings))
        {
            var context = await DirectoryQueries.LoadGroupAsync(db, request.ConnectorId, request.GroupId, cancellationToken)
                ?? throw new NotFoundException("Group", request.GroupId);
            var vendor = await dispatcher.SendAsync(request.ConnectorId, new ValidateGroupSettings(context with { Settings = settings }, previous), cancellationToken);
            settings = SettingsCheck.ApplyVendor(vendor, settings, warnings);
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
        stored.Json = settings.ToJsonString();
        notifications.Add(new GroupChanged(ChangeKind.Updated, GroupSnapshots.From(group)));
        return new ConnectorSettingsDto(request.ConnectorId, request.GroupId, SchemaValidator.MaskSecrets(description.Schema.Group, settings), stored.Version) { Warnings = warnings };
    }
}
