using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Actions;

/// <summary>
/// Routes <see cref="InvokeAction"/> to the connector's <see cref="IConnectorAction"/> with that name, after checking
/// that a user or group action has its target and that the input fits the declared fields. The host checks the
/// input too before it sends the request; checking here as well keeps a plugin correct when called directly
/// (e.g. from its own tests).
/// </summary>
public sealed class ActionRouter(IEnumerable<IConnectorAction> actions)
{
    private readonly IReadOnlyList<IConnectorAction> _actions = [.. actions.OrderBy(a => a.Descriptor.Name, StringComparer.Ordinal)];

    /// <summary>The descriptors of every action, ordered by name, for <see cref="ConnectorDescription.Actions"/>.</summary>
    public IReadOnlyList<ActionDescriptor> Descriptors => [.. _actions.Select(a => a.Descriptor)];

    /// <summary>Runs the named action, or answers 404 (unknown name) or 400 (missing target, invalid input).</summary>
    public Task<ActionResult> RouteAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        var action = _actions.FirstOrDefault(a => string.Equals(a.Descriptor.Name, request.Action, StringComparison.Ordinal));
        if (action is null)
        {
            return Task.FromResult(ActionResult.Problem(404, "Unknown action",
                $"This connector has no action '{request.Action}'. Actions: {string.Join(", ", _actions.Select(a => a.Descriptor.Name))}."));
        }
        var descriptor = action.Descriptor;
        if (descriptor.Target == ActionTarget.User && request.User is null)
        {
            return Task.FromResult(ActionResult.Problem(400, "User required", $"Action '{descriptor.Name}' works on one user; pass its userId.",
                [new FieldError("userId", $"Action '{descriptor.Name}' needs a userId.")]));
        }
        if (descriptor.Target == ActionTarget.Group && request.Group is null)
        {
            return Task.FromResult(ActionResult.Problem(400, "Group required", $"Action '{descriptor.Name}' works on one group; pass its groupId.",
                [new FieldError("groupId", $"Action '{descriptor.Name}' needs a groupId.")]));
        }
        var input = SchemaValidator.Validate(descriptor.Input, request.Input);
        if (!input.IsValid)
        {
            return Task.FromResult(ActionResult.Problem(400, "Invalid input",
                string.Join(" ", input.Errors.Select(e => e.Message)), input.Errors));
        }
        return action.RunAsync(request with { Input = input.Settings }, cancellationToken);
    }
}
