using System.Text.Json.Nodes;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;

namespace ConnectorHost.Core.Connectors.InvokeConnectorAction;

/// <summary>
/// Runs a connector's named action in one transaction: when the connector answers with a problem, everything
/// it wrote through the host's services is rolled back.
/// </summary>
public sealed record InvokeConnectorAction(string ConnectorId, string Action, Guid? UserId, Guid? GroupId, JsonObject Input) : ICommand<ActionResult>;

internal sealed class InvokeConnectorActionHandler(HostDbContext db, IConnectorCatalog catalog, IConnectorDispatcher dispatcher)
    : MediatR.IRequestHandler<InvokeConnectorAction, ActionResult>
{
    public async Task<ActionResult> Handle(InvokeConnectorAction request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId, ConnectorCapabilities.Actions);
        var action = description.Actions.FirstOrDefault(a => string.Equals(a.Name, request.Action, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"Action of connector '{request.ConnectorId}'", request.Action);

        UserContext? user = null;
        GroupContext? group = null;
        switch (action.Target)
        {
            case ActionTarget.User:
                var userId = request.UserId ?? throw new ValidationFailedException([new("userId", $"Action '{action.Name}' needs a userId.")]);
                user = await DirectoryQueries.LoadUserAsync(db, request.ConnectorId, userId, cancellationToken) ?? throw new NotFoundException("User", userId);
                break;
            case ActionTarget.Group:
                var groupId = request.GroupId ?? throw new ValidationFailedException([new("groupId", $"Action '{action.Name}' needs a groupId.")]);
                group = await DirectoryQueries.LoadGroupAsync(db, request.ConnectorId, groupId, cancellationToken) ?? throw new NotFoundException("Group", groupId);
                break;
        }

        var result = await dispatcher.SendAsync(request.ConnectorId, new InvokeAction(action.Name, user, group, request.Input), cancellationToken);
        return result is ProblemActionResult problem ? throw new ConnectorActionFailedException(problem) : result;
    }
}
