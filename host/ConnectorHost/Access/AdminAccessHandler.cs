using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Requests;
using Microsoft.AspNetCore.Authorization;

namespace ConnectorHost.Access;

/// <summary>Decides <see cref="AdminAccessRequirement"/> from the principal's role, the HTTP method and, for actions, the action's descriptor.</summary>
internal sealed class AdminAccessHandler(IConnectorCatalog catalog) : AuthorizationHandler<AdminAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var method = http?.Request.Method ?? HttpMethods.Get;
        var writes = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var needed = writes ? requirement.Writes : requirement.Reads;
        if (requirement.ConnectorActions && http is not null && ActionOf(http) is { } found)
        {
            var descriptor = found.Descriptor;
            if (descriptor is { Anonymous: true })
            {
                // The action checks its caller itself (a one-time token), e.g. an app redeeming its provisioning link.
                context.Succeed(requirement);
                return Task.CompletedTask;
            }
            needed = descriptor switch
            {
                { Mutating: false } => requirement.Reads,
                // A change to the connector itself (not to one user or group) is connector configuration: administrators only.
                { Target: ActionTarget.Connector } => AdminRole.Administrator,
                _ => requirement.Writes,
            };
        }
        if (AccessClaims.RoleOf(context.User) is { } role && role >= needed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>The action a request to <c>/api/connectors/{id}/actions/{action}</c> names; a null descriptor when unknown (treated as a change).</summary>
    private Found? ActionOf(HttpContext http)
    {
        if (http.Request.RouteValues["id"] is not string id || http.Request.RouteValues["action"] is not string action)
        {
            return null;
        }
        var descriptor = catalog.Find(id)?.Description?.Actions.FirstOrDefault(a => string.Equals(a.Name, action, StringComparison.OrdinalIgnoreCase));
        return new Found(descriptor);
    }

    private sealed record Found(ActionDescriptor? Descriptor);
}
