using Contoso.Connector.Actions;
using Contoso.Connector.Gateway;
using Contoso.Connector.Settings;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Contoso.Connector;

/// <summary>
/// The Contoso Connector plugin: one public module; every request handler in this assembly is found by scanning.
/// </summary>
public sealed class ContosoConnectorModule : IConnectorModule
{
    /// <summary>The connector id in plugins.json (the manifest carries the same).</summary>
    public const string Id = "contoso-connector";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        // Throwing here faults only this plugin, with the message naming the bad settings.
        var options = ContosoConnectorOptions.Parse(context.Settings);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ContosoConnectorApiClient(options, sp.GetRequiredService<TimeProvider>()));
        services.AddConnectorActions()
            .AddConnectorAction<VendorRecordAction>();
    }
}
