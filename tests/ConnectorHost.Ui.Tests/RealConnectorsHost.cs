using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests;

namespace ConnectorHost.Ui.Tests;

/// <summary>The host with the repository's plugins.json (the four real connectors; their vendors are not contacted by these tests).</summary>
public sealed class RealConnectorsHost : UiHost
{
    protected override JsonNode? Plugins => TestHost.RepositoryPlugins;
}
