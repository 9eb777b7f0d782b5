using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace TestPlugins.Sample.Actions;

/// <summary>
/// Writes everything the directory writer offers in one action: a user from a full draft with settings, a group
/// membership, group settings, a user and a group role, a rename; with fail=true it answers 409 after writing.
/// </summary>
internal sealed class DirectoryWriteAction(IDirectoryWriter writer) : ConnectorAction<DirectoryWriteAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("directory-write", "Write the directory", ActionTarget.Connector,
        "Creates a user (username, language, timeZone, enabled, phones, badge), adds it to groupId with costCenter as group settings, gives roleId to it and to the group, renames it to renameTo; 409 after writing when fail=true.")
    {
        Input =
        [
            new FieldSchema("username", "Username", FieldType.String) { Required = true },
            new FieldSchema("language", "Language", FieldType.String),
            new FieldSchema("timeZone", "Time zone", FieldType.String),
            new FieldSchema("enabled", "Enabled", FieldType.Bool) { Default = true },
            new FieldSchema("phones", "Phones", FieldType.StringList),
            new FieldSchema("badge", "Badge", FieldType.String),
            new FieldSchema("groupId", "Group id", FieldType.String) { Required = true },
            new FieldSchema("roleId", "Role id", FieldType.String) { Required = true },
            new FieldSchema("costCenter", "Cost center of the group", FieldType.String),
            new FieldSchema("renameTo", "New username", FieldType.String),
            new FieldSchema("fail", "Fail after writing", FieldType.Bool) { Default = false },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var groupId = Guid.Parse(input.GroupId);
        var roleId = Guid.Parse(input.RoleId);
        try
        {
            var draft = new UserDraft(input.Username, "Dora", "Writer", null, input.Phones ?? [], null)
            {
                Language = input.Language,
                TimeZone = input.TimeZone,
                Enabled = input.Enabled,
            };
            var id = await writer.CreateUserAsync(draft, new JsonObject { ["badge"] = input.Badge }, cancellationToken);
            await writer.SetGroupMembershipAsync(id, groupId, true, cancellationToken);
            await writer.PutGroupSettingsAsync(groupId, new JsonObject { ["costCenter"] = input.CostCenter }, cancellationToken);
            await writer.SetUserRoleAsync(id, roleId, true, cancellationToken);
            await writer.SetGroupRoleAsync(groupId, roleId, true, cancellationToken);
            if (input.RenameTo is { } newName)
            {
                await writer.UpdateUserAsync(id, draft with { Username = newName }, cancellationToken);
            }
            return input.Fail
                ? ActionResult.Problem(409, "Refused", "Refused after writing the directory.")
                : ActionResult.Json(new JsonObject { ["userId"] = id });
        }
        catch (DirectoryWriteException ex)
        {
            return ActionResult.Problem(ex.IsConflict ? 409 : 400, "Directory write refused", ex.Message, ex.Errors);
        }
    }

    internal sealed record Input(
        string Username, string? Language, string? TimeZone, bool Enabled, IReadOnlyList<string>? Phones, string? Badge,
        string GroupId, string RoleId, string? CostCenter, string? RenameTo, bool Fail);
}
