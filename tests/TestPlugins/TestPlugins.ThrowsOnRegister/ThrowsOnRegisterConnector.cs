using ConnectorHost.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace TestPlugins.ThrowsOnRegister;

/// <summary>Test connector whose registration fails, as a plugin with a broken configuration would.</summary>
public sealed class ThrowsOnRegisterModule : IConnectorModule
{
    public void ConfigureServices(IServiceCollection services, ConnectorContext context) =>
        throw new InvalidOperationException("vendor endpoint is not configured (simulated registration failure)");
}
