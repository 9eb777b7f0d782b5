using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Connectors.InvokeConnectorAction;

/// <summary>
/// Runs a connector's named action in one transaction: when the connector answers with a problem, everything
/// it wrote through the host's services is rolled back.
/// </summary>
public sealed record InvokeConnectorAction(string ConnectorId, string Action, Guid? UserId, Guid? GroupId, JsonObject Input) : ICommand<ActionResult>, IConnectorRequest, IChecksConnectorSettings
{
    // An action may write settings through IDirectoryWriter inside its transaction: the lists are loaded before it.
    string? IChecksConnectorSettings.OptionsConnectorId => ConnectorId;
}

/// <summary>
/// Runs a read-only action (<see cref="ActionDescriptor.Mutating"/> false) without a transaction, so a slow
/// vendor lookup (e.g. a screen-pop against Business Central) never holds the database's write lock.
/// </summary>
public sealed record QueryConnectorAction(string ConnectorId, string Action, Guid? UserId, Guid? GroupId, JsonObject Input) : IQuery<ActionResult>, IConnectorRequest;

/// <summary>
/// Runs an action that only calls the vendor (<see cref="ActionDescriptor.VendorOnly"/>, e.g. unlock or a new API key)
/// without a transaction: it changes the vendor, not the database, so other writes go on while the vendor answers.
/// </summary>
public sealed record CallVendorAction(string ConnectorId, string Action, Guid? UserId, Guid? GroupId, JsonObject Input) : IQuery<ActionResult>, IConnectorRequest;

internal sealed class InvokeConnectorActionHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher,
    FieldOptions.FieldOptionsCache options, ChangeOrigin origin, ILogger<InvokeConnectorActionHandler> logger)
    : MediatR.IRequestHandler<InvokeConnectorAction, ActionResult>,
      MediatR.IRequestHandler<QueryConnectorAction, ActionResult>,
      MediatR.IRequestHandler<CallVendorAction, ActionResult>
{
    private enum Mode
    {
        Transaction,
        Read,
        VendorOnly,
    }

    public Task<ActionResult> Handle(InvokeConnectorAction request, CancellationToken cancellationToken) =>
        RunAsync(request.ConnectorId, request.Action, request.UserId, request.GroupId, request.Input, Mode.Transaction, cancellationToken);

    public Task<ActionResult> Handle(QueryConnectorAction request, CancellationToken cancellationToken) =>
        RunAsync(request.ConnectorId, request.Action, request.UserId, request.GroupId, request.Input, Mode.Read, cancellationToken);

    public Task<ActionResult> Handle(CallVendorAction request, CancellationToken cancellationToken) =>
        RunAsync(request.ConnectorId, request.Action, request.UserId, request.GroupId, request.Input, Mode.VendorOnly, cancellationToken);

    private async Task<ActionResult> RunAsync(string connectorId, string actionName, Guid? userId, Guid? groupId, JsonObject input, Mode mode, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(connectorId, ConnectorCapabilities.Actions);
        var action = description.Actions.FirstOrDefault(a => string.Equals(a.Name, actionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"Action of connector '{connectorId}'", actionName);
        if (mode == Mode.Read && action.Mutating)
        {
            throw new ConflictException($"Action '{action.Name}' changes data; call it with POST.");
        }
        if (mode == Mode.VendorOnly && !action.VendorOnly)
        {
            throw new ConflictException($"Action '{action.Name}' writes to the database; it runs in a transaction.");
        }

        UserContext? user = null;
        GroupContext? group = null;
        string? vendorId = null;
        switch (action.Target)
        {
            case ActionTarget.User:
                var targetUser = userId ?? throw new ValidationFailedException([new("userId", $"Action '{action.Name}' needs a userId.")]);
                user = await DirectoryQueries.LoadUserAsync(db, secrets, connectorId, targetUser, cancellationToken) ?? throw new NotFoundException("User", targetUser);
                vendorId = await VendorIdAsync(connectorId, SyncEntityType.User, targetUser, cancellationToken);
                break;
            case ActionTarget.Group:
                var targetGroup = groupId ?? throw new ValidationFailedException([new("groupId", $"Action '{action.Name}' needs a groupId.")]);
                group = await DirectoryQueries.LoadGroupAsync(db, secrets, connectorId, targetGroup, cancellationToken) ?? throw new NotFoundException("Group", targetGroup);
                vendorId = await VendorIdAsync(connectorId, SyncEntityType.Group, targetGroup, cancellationToken);
                break;
        }

        // The declared input is checked here, before the plugin runs: the same 400 naming the field for every connector.
        var checkedInput = SchemaValidator.Validate(action.Input, input);
        if (!checkedInput.IsValid)
        {
            throw new ValidationFailedException(checkedInput.Errors);
        }

        var result = await dispatcher.SendAsync(connectorId, new InvokeAction(action.Name, user, group, checkedInput.Settings) { VendorId = vendorId }, cancellationToken);
        if (mode != Mode.Read)
        {
            // A changing action may change what the connector offers (e.g. a new CTI group): ask again on next use.
            options.Invalidate(connectorId);
        }
        if (result is ProblemActionResult problem)
        {
            throw new ConnectorActionFailedException(problem);
        }
        // A read-only action writes nothing, whatever it reports.
        if (mode != Mode.Read && result.SettingsPatch is { Count: > 0 } patch)
        {
            await StoreVendorValuesAsync(connectorId, description.Schema, userId: user?.User.Id, groupId: group?.Group.Id, patch);
        }
        return result;
    }

    /// <summary>
    /// Keeps what the action changed at the vendor (e.g. unlocked) in the target's settings, as a push's vendor values
    /// are kept: audited as the connector, no sync job. The vendor already changed, so a refused value is only logged.
    /// </summary>
    private async Task StoreVendorValuesAsync(string connectorId, ConnectorSchema schema, Guid? userId, Guid? groupId, JsonObject patch)
    {
        var stored = (userId, groupId) switch
        {
            ({ } id, _) => await SettingsOwnerKind.Of(SettingsOwner.User).FindAsync(db, id, connectorId, CancellationToken.None),
            (_, { } id) => await SettingsOwnerKind.Of(SettingsOwner.Group).FindAsync(db, id, connectorId, CancellationToken.None),
            _ => null,
        };
        if (stored is not null && VendorAssignedValues.Keep(logger, connectorId, stored, schema, patch))
        {
            using (origin.ActFor(connectorId))
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
    }

    private Task<string?> VendorIdAsync(string connectorId, SyncEntityType type, Guid entityId, CancellationToken cancellationToken) =>
        db.VendorLinks.AsNoTracking()
            .Where(l => l.ConnectorId == connectorId && l.EntityType == type && l.EntityId == entityId)
            .Select(l => l.VendorId)
            .FirstOrDefaultAsync(cancellationToken);
}
