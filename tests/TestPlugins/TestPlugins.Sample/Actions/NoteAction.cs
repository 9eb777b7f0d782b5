using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace TestPlugins.Sample.Actions;

/// <summary>Stores a note in the connector store; with fail=true it answers 409 after writing, so the host must roll back.</summary>
internal sealed class NoteAction(IConnectorStore store) : ConnectorAction<NoteAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("note", "Store a note", ActionTarget.Connector,
        "Stores {key,text} in the connector store; fails with 409 when fail=true, after writing.")
    {
        Input =
        [
            new FieldSchema("key", "Key", FieldType.String) { Required = true, MaxLength = 50 },
            new FieldSchema("text", "Text", FieldType.String) { MaxLength = 500 },
            new FieldSchema("fail", "Fail after writing", FieldType.Bool) { Default = false },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        await store.PutAsync("notes", input.Key, new JsonObject { ["text"] = input.Text }, null, cancellationToken);
        return input.Fail
            ? ActionResult.Problem(409, "Refused", $"Note '{input.Key}' was refused after writing it.")
            : ActionResult.Json(new JsonObject { ["stored"] = input.Key });
    }

    internal sealed record Input(string Key, string? Text, bool Fail);
}
