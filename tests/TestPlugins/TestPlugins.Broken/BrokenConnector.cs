using ConnectorHost.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace TestPlugins.Broken;

/// <summary>The broken sample connector's module: one vendor client on the settings' vendor URL and API key.</summary>
public sealed class BrokenConnector : IConnectorModule
{
    public void ConfigureServices(IServiceCollection services, ConnectorContext context) =>
        services.AddSingleton(new BrokenVendorClient(
            new Uri(context.Settings["vendorUrl"]!.GetValue<string>()),
            context.Settings["apiKey"]!.GetValue<string>()));
}
