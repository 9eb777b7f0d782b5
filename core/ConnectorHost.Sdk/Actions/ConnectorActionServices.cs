using ConnectorHost.Sdk.Requests;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Sdk.Actions;

/// <summary>Registers a connector's actions and the one router that answers <see cref="InvokeAction"/> for them.</summary>
public static class ConnectorActionServices
{
    /// <summary>
    /// Registers <see cref="ActionRouter"/> as the connector's <see cref="InvokeAction"/> handler. Register each action
    /// with <see cref="AddConnectorAction{TAction}"/>; the plugin must not have an <see cref="InvokeAction"/> handler of its own.
    /// </summary>
    public static IServiceCollection AddConnectorActions(this IServiceCollection services)
    {
        services.AddTransient<ActionRouter>();
        services.AddTransient<IRequestHandler<InvokeAction, ActionResult>, ActionRequestHandler>();
        return services;
    }

    /// <summary>Registers one action (transient: a fresh instance per call, so it may use the request's host services).</summary>
    public static IServiceCollection AddConnectorAction<TAction>(this IServiceCollection services) where TAction : class, IConnectorAction =>
        services.AddTransient<IConnectorAction, TAction>();
}
