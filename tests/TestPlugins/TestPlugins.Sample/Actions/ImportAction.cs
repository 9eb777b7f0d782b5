using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace TestPlugins.Sample.Actions;

/// <summary>Creates users from "username:badge" lines; a refused row answers 400 naming it and keeps nothing.</summary>
internal sealed class ImportAction(IDirectoryWriter writer) : ConnectorAction<ImportAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("import", "Import users", ActionTarget.Connector,
        "Creates users {users:[\"username:badge\"]}; 400 naming the row when one is refused, nothing kept; with skipRefused=true a refused row is skipped.")
    {
        Input =
        [
            new FieldSchema("users", "Users", FieldType.StringList)
            {
                Required = true,
                Max = 100,
                MaxLength = 120,
                Pattern = "[^:]+:[0-9]{3,6}",
                PatternMessage = "Each user must be 'username:badge'.",
            },
            new FieldSchema("skipRefused", "Skip refused rows", FieldType.Bool) { Default = false },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var imported = 0;
        for (var i = 0; i < input.Users.Count; i++)
        {
            var (username, badge) = (input.Users[i].Split(':')[0], input.Users[i].Split(':')[1]);
            try
            {
                await writer.CreateUserAsync(new UserDraft(username, "", "", null, [], null), new JsonObject { ["badge"] = badge }, cancellationToken);
                imported++;
            }
            catch (DirectoryWriteException ex) when (!input.SkipRefused)
            {
                return ActionResult.Problem(400, "Import refused", $"Row {i + 1}: {ex.Message}");
            }
            catch (DirectoryWriteException)
            {
                // Skipped: the writer left nothing of this row behind.
            }
        }
        return ActionResult.Json(new JsonObject { ["imported"] = imported });
    }

    internal sealed record Input(IReadOnlyList<string> Users, bool SkipRefused);
}
