using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Sdk.Hosting;

/// <summary>
/// The entry point of a plugin assembly: exactly one public class implements it. The host calls
/// <see cref="ConfigureServices"/> once, inside the plugin's own container scope; request and notification
/// handlers in the plugin assembly are found by scanning and need no registration here.
/// </summary>
public interface IConnectorModule
{
    /// <summary>Registers the plugin's own services (gateways, caches, options).</summary>
    void ConfigureServices(IServiceCollection services, ConnectorContext context);
}

/// <summary>What the host tells a plugin when loading it.</summary>
/// <param name="ConnectorId">The id from <c>plugins.json</c>.</param>
/// <param name="Settings">Connector-level settings from <c>plugins.json</c>, with <c>${env:NAME}</c> references already resolved.</param>
/// <param name="PluginDirectory">The folder the plugin was loaded from.</param>
/// <param name="PhoneNumbers">The host's phone number rules, for reading plugins.json settings; also in the plugin's container.</param>
public sealed record ConnectorContext(string ConnectorId, JsonObject Settings, string PluginDirectory, IPhoneNumbers PhoneNumbers);
