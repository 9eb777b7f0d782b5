using ConnectorHost.Sdk.Requests;
using MediatR;

namespace ConnectorHost.Sdk.Actions;

/// <summary>The <see cref="InvokeAction"/> handler of a connector that registered its actions with <see cref="ConnectorActionServices.AddConnectorActions"/>.</summary>
public sealed class ActionRequestHandler(ActionRouter router) : IRequestHandler<InvokeAction, ActionResult>
{
    /// <inheritdoc />
    public Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken) => router.RouteAsync(request, cancellationToken);
}
