using ConnectorHost.Sdk.Requests;

namespace HostedPbx.Actions;

/// <summary>One named action of the connector; <see cref="InvokeHostedPbxAction"/> picks it by name.</summary>
internal interface IPbxAction
{
    ActionDescriptor Descriptor { get; }

    /// <summary>Runs the action. The dispatcher has already checked that a User-target action has its user.</summary>
    Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken);
}
