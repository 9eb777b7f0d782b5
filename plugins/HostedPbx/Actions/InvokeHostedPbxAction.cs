using ConnectorHost.Sdk.Requests;
using MediatR;

namespace HostedPbx.Actions;

/// <summary>Routes an action call to the action with that name, after checking it has the target it needs.</summary>
internal sealed class InvokeHostedPbxAction(IEnumerable<IPbxAction> actions) : IRequestHandler<InvokeAction, ActionResult>
{
    public Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken)
    {
        var action = actions.FirstOrDefault(a => string.Equals(a.Descriptor.Name, request.Action, StringComparison.Ordinal));
        if (action is null)
        {
            return Task.FromResult(ActionResult.Problem(404, "Unknown action",
                $"The hosted PBX connector has no action '{request.Action}'. Actions: {string.Join(", ", actions.Select(a => a.Descriptor.Name).Order(StringComparer.Ordinal))}."));
        }
        if (action.Descriptor.Target == ActionTarget.User && request.User is null)
        {
            return Task.FromResult(ActionResult.Problem(400, "User required", $"Action '{request.Action}' works on one user; pass its userId."));
        }
        return action.RunAsync(request, cancellationToken);
    }
}
