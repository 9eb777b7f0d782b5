using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;

namespace TestPlugins.Sample.Actions;

/// <summary>Lists the user changes this connector was notified of.</summary>
internal sealed class SeenAction(IConnectorStore store) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("seen", "Seen changes", ActionTarget.Connector, "Lists the user changes this connector was notified of.", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var seen = await store.ListAsync("seen", cancellationToken);
        return ActionResult.Json(new JsonObject(seen.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Document["kind"]?.DeepClone()))));
    }
}
