using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings.PutUserConnectorSettings;

/// <summary>
/// Replaces one connector's settings of a user: the schema's generic rules first, then the connector's own
/// vendor rules; each stage reports all of its errors at once, and nothing is stored unless both pass.
/// </summary>
public sealed record PutUserConnectorSettings(Guid UserId, string ConnectorId, JsonObject Settings, VersionCondition? ExpectedVersion) : ICommand<ConnectorSettingsDto>, IChecksConnectorSettings
{
    string? IChecksConnectorSettings.OptionsConnectorId => ConnectorId;
}

internal sealed class PutUserConnectorSettingsHandler(HostDbContext db, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, PendingNotifications notifications, FieldOptionsCache options)
    : MediatR.IRequestHandler<PutUserConnectorSettings, ConnectorSettingsDto>
{
    public async Task<ConnectorSettingsDto> Handle(PutUserConnectorSettings request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId);
        var user = await db.Users.FindAsync([request.UserId], cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        var stored = await db.UserConnectorSettings.FirstOrDefaultAsync(s => s.UserId == request.UserId && s.ConnectorId == request.ConnectorId, cancellationToken);
        VersionGuard.Check("Connector settings", $"{request.ConnectorId} of user {request.UserId}", request.ExpectedVersion, stored?.Version ?? 0);
        var previous = stored is null ? null : DirectoryQueries.Parse(stored.Json);

        var warnings = new List<FieldWarning>();
        var settings = SettingsCheck.ApplySchema(description.Schema.User, request.Settings, previous, options.Current(request.ConnectorId, description.Schema.User), warnings);
        if (description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateUserSettings))
        {
            var context = await DirectoryQueries.LoadUserAsync(db, request.ConnectorId, request.UserId, cancellationToken)
                ?? throw new NotFoundException("User", request.UserId);
            var vendor = await dispatcher.SendAsync(request.ConnectorId, new ValidateUserSettings(context with { Settings = settings }, previous), cancellationToken);
            settings = SettingsCheck.ApplyVendor(vendor, settings, warnings);
        }

        if (stored is null)
        {
            stored = new UserConnectorSetting { UserId = request.UserId, ConnectorId = request.ConnectorId, UpdatedAt = DateTime.UtcNow };
            db.UserConnectorSettings.Add(stored);
        }
        else
        {
            stored.MarkChanged();
        }
        stored.Json = settings.ToJsonString();
        // Connectors see a settings change as a change of the user.
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return new ConnectorSettingsDto(request.ConnectorId, request.UserId, SchemaValidator.MaskSecrets(description.Schema.User, settings), stored.Version) { Warnings = warnings };
    }
}
