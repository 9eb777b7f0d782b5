using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace ConnectorHost.Core.ConnectorSettings.PreviewUser;

/// <summary>
/// Shows how a connector would represent a user at the vendor, without sending anything. The warnings include the
/// schema's warnings about the stored settings (e.g. a value for a hidden field, an option list that could not be refreshed).
/// </summary>
public sealed record PreviewUser(Guid UserId, string ConnectorId) : IQuery<Projection>, IChecksConnectorSettings
{
    string? IChecksConnectorSettings.OptionsConnectorId => ConnectorId;
}

internal sealed class PreviewUserHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, FieldOptionsCache options) : IRequestHandler<PreviewUser, Projection>
{
    public async Task<Projection> Handle(PreviewUser request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId, ConnectorCapabilities.ProjectUser);
        var context = await DirectoryQueries.LoadUserAsync(db, secrets, request.ConnectorId, request.UserId, cancellationToken)
            ?? throw new NotFoundException("User", request.UserId);
        var projection = await dispatcher.SendAsync(request.ConnectorId, new ProjectUser(context), cancellationToken);
        var schema = SettingsCheck.Validate(description.Schema.User, context.Settings, context.Settings, options.Current(request.ConnectorId, description.Schema.User));
        return schema.Warnings.Count == 0
            ? projection
            : projection with { Warnings = [.. projection.Warnings, .. schema.Warnings.Select(w => $"{w.Field}: {w.Message}")] };
    }
}
