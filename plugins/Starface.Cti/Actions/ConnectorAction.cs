using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace Starface.Cti.Actions;

/// <summary>One named action of the connector; <see cref="InvokeActionHandler"/> dispatches to it by name.</summary>
internal interface IConnectorAction
{
    string Name { get; }

    Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken);
}

/// <summary>The single InvokeAction handler of the plugin: finds the action by name.</summary>
internal sealed class InvokeActionHandler(IEnumerable<IConnectorAction> actions) : IRequestHandler<InvokeAction, ActionResult>
{
    public Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken)
    {
        var action = actions.FirstOrDefault(a => string.Equals(a.Name, request.Action, StringComparison.Ordinal));
        return action is null
            ? Task.FromResult(ActionResult.Problem(404, "Unknown action", $"The starface-cti connector has no action '{request.Action}'."))
            : action.RunAsync(request, cancellationToken);
    }
}
