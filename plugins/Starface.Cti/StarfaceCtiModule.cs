using ConnectorHost.Sdk.Hosting;
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
        var options = StarfaceCtiOptions.Parse(context.Settings);
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
        services.AddTransient<IConnectorAction, ListCtiGroupsAction>();
        services.AddTransient<IConnectorAction, CreateCtiGroupAction>();
        services.AddTransient<IConnectorAction, RenameCtiGroupAction>();
        services.AddTransient<IConnectorAction, DeleteCtiGroupAction>();
        services.AddTransient<IConnectorAction, VisibleUsersAction>();
        services.AddTransient<IConnectorAction, ScreenPopAction>();
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = VendorHttp.Timeout,
    };
}

/// <summary>Answers the host's DescribeConnector request.</summary>
internal sealed class DescribeConnectorHandler : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(StarfaceCtiSchema.Description);
}
