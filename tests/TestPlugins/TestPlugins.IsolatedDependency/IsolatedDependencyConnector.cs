using System.Reflection;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace TestPlugins.IsolatedDependency;

/// <summary>Test connector that uses its own, older Polly.Core; proves plugin dependencies stay private.</summary>
public sealed class IsolatedDependencyModule : IConnectorModule
{
    public void ConfigureServices(IServiceCollection services, ConnectorContext context) =>
        services.AddSingleton(new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero }).Build());
}

internal sealed class Describe : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            new ConnectorManifest("isolated-dependency", "Test: private dependency", "1.0.0", SdkInfo.Version, ConnectorCapabilities.Actions),
            ConnectorSchema.Empty,
            [new ActionDescriptor("library-version", "Polly version", ActionTarget.Connector, "Runs a Polly retry and reports the Polly.Core version the plugin loaded.", Mutating: false)]));
}

internal sealed class LibraryVersion(ResiliencePipeline pipeline) : IRequestHandler<InvokeAction, ActionResult>
{
    public async Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        // Fails twice, then succeeds: only a working Polly of the plugin's own version gets here.
        await pipeline.ExecuteAsync(_ => ++attempts < 3 ? throw new InvalidOperationException("transient") : ValueTask.CompletedTask, cancellationToken);
        return ActionResult.Json(new JsonObject
        {
            // Polly keeps its assembly version at 8.0.0.0; the informational version tells the package apart.
            ["pollyVersion"] = typeof(ResiliencePipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0],
            ["attempts"] = attempts,
        });
    }
}
