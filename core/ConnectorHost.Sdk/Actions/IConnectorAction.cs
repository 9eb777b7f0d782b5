using ConnectorHost.Sdk.Requests;

namespace ConnectorHost.Sdk.Actions;

/// <summary>
/// One named action of a connector. <see cref="ActionRouter"/> finds it by <see cref="ActionDescriptor.Name"/>,
/// checks its target and its declared input, then runs it. Derive from <see cref="ConnectorAction{TInput}"/> to
/// get the input as a typed record.
/// </summary>
public interface IConnectorAction
{
    /// <summary>Name, label, target, input fields and flags of the action.</summary>
    ActionDescriptor Descriptor { get; }

    /// <summary>Runs the action; <see cref="InvokeAction.Input"/> is already checked against <see cref="ActionDescriptor.Input"/>.</summary>
    Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken);
}
