using ConnectorHost.Core.Connectors;
using ConnectorHost.Pages.Shared;

namespace ConnectorHost.Pages.Connectors;

/// <summary>Every plugin in plugins.json: loaded or faulted (with the reason), version, capabilities.</summary>
internal sealed class IndexModel(IConnectorCatalog catalog) : AdminPageModel
{
    public IReadOnlyList<ConnectorInfo> Connectors { get; private set; } = [];

    public void OnGet() => Connectors = catalog.All.OrderBy(c => c.Status).ThenBy(c => c.Id).ToList();
}
