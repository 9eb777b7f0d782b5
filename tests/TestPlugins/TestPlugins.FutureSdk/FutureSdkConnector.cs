using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace TestPlugins.FutureSdk;

/// <summary>Test connector compiled against SDK 3.0; a 2.x host must refuse it before loading it.</summary>
public sealed class FutureSdkModule : IConnectorModule
{
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
    }
}

internal sealed class Describe : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            new ConnectorManifest("future-sdk", "Test: built for SDK 3.0", "1.0.0", SdkInfo.Version, ConnectorCapabilities.None),
            ConnectorSchema.Empty, []));
}
