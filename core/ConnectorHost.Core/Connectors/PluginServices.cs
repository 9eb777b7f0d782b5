using ConnectorHost.Sdk.Hosting;

namespace ConnectorHost.Core.Connectors;

/// <summary>The host services one connector gets for one request, bound to that request's unit of work.</summary>
public sealed record PluginServices(IDirectoryReader Directory, IDirectoryWriter Writer, IConnectorStore Store);
