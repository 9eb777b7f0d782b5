using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Starface.Cti.Actions;
using Starface.Cti.BusinessCentral;
using Starface.Cti.Gateway;
using Starface.Cti.Groups;
using Starface.Cti.ScreenPop;
using Starface.Cti.Settings;
using Starface.Cti.Users;

namespace Starface.Cti;

/// <summary>
/// Entry point of the STARFACE CTI for Business Central connector. Checks the plugins.json settings (an invalid
/// field faults the plugin with a message naming it) and registers the Business Central and STARFACE clients.
/// </summary>
public sealed class StarfaceCtiModule : IConnectorModule
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        var options = StarfaceCtiOptions.Parse(context.Settings, context.PhoneNumbers);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        // One HTTP client per vendor for the plugin's lifetime (connection reuse); disposed with the container.
        services.AddSingleton(sp => new BusinessCentralTokenSource(NewHttpClient(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BusinessCentralApiClient(NewHttpClient(), sp.GetRequiredService<BusinessCentralTokenSource>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddSingleton<BusinessCentralDirectory>();
        services.AddSingleton<WebClientLink>();
        services.AddSingleton(sp => new StarfaceApiClient(NewHttpClient(), options, sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<StarfaceGroupWriteGate>();
        services.AddTransient<StarfaceCtiGroups>();
        services.AddTransient<CtiGroupStore>();
        services.AddTransient<CtiUserDirectory>();
        services.AddConnectorActions()
            .AddConnectorAction<ListCtiGroupsAction>()
            .AddConnectorAction<CreateCtiGroupAction>()
            .AddConnectorAction<RenameCtiGroupAction>()
            .AddConnectorAction<DeleteCtiGroupAction>()
            .AddConnectorAction<VisibleUsersAction>()
            .AddConnectorAction<ScreenPopAction>();
    }

    // How long one vendor call may take before it counts as the vendor being unavailable.
    private static readonly TimeSpan VendorTimeout = TimeSpan.FromSeconds(30);

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = VendorTimeout,
    };
}
