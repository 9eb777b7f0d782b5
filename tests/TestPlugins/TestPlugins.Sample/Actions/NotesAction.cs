using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;

namespace TestPlugins.Sample.Actions;

/// <summary>Lists the keys of the stored notes.</summary>
internal sealed class NotesAction(IConnectorStore store) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("notes", "List notes", ActionTarget.Connector, "Lists stored notes.", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var notes = await store.ListAsync("notes", cancellationToken);
        return ActionResult.Json(new JsonArray(notes.Select(n => (JsonNode?)JsonValue.Create(n.Key)).ToArray()));
    }
}
