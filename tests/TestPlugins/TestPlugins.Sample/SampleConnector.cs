using System.Text.Json.Nodes;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace TestPlugins.Sample;

/// <summary>
/// A small, well-behaved connector used by the host's tests: a schema with every generic rule, one vendor
/// rule (unique badge number), a projection, and actions that write through the host services.
/// </summary>
public sealed class SampleModule : IConnectorModule
{
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        services.AddSingleton(context);
        services.AddSingleton<DirectoryVendorGateway>();
    }
}

internal static class SampleSchema
{
    public static readonly ConnectorSchema Schema = new(
        [
            new FieldSchema("region", "Region", FieldType.String) { Default = "EU" },
            new FieldSchema("vendorUrl", "Vendor directory URL", FieldType.String),
            new FieldSchema("apiKey", "Vendor API key", FieldType.Secret),
        ],
        [
            new FieldSchema("badge", new LocalizedText("Badge number").With("de", "Ausweisnummer"), FieldType.String) { Required = true, Pattern = "[0-9]{3,6}", PatternMessage = "Badge number must be 3 to 6 digits." },
            new FieldSchema("level", "Level", FieldType.Int) { Min = 1, Max = 5, Default = 3 },
            new FieldSchema("team", "Team", FieldType.Enum) { AllowedValues = [new("red", "Red"), new("blue", "Blue")] },
            new FieldSchema("pin", "PIN", FieldType.Secret) { MinLength = 4 },
            new FieldSchema("login", "Login", FieldType.String) { ReadOnlyAfterCreate = true },
            new FieldSchema("profile", "Vendor profile", FieldType.Enum) { OptionsFromConnector = true, OptionsRefreshSeconds = 60 },
        ],
        [new FieldSchema("costCenter", "Cost center", FieldType.String) { Required = true }]);
}

internal sealed class Describe : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            new ConnectorManifest("sample", "Sample connector", "1.2.3", SdkInfo.Version,
                ConnectorCapabilities.ValidateUserSettings | ConnectorCapabilities.ProjectUser | ConnectorCapabilities.Actions
                | ConnectorCapabilities.PushUser | ConnectorCapabilities.ListVendorUsers | ConnectorCapabilities.ListFieldOptions),
            SampleSchema.Schema,
            [
                new ActionDescriptor("note", "Store a note", ActionTarget.Connector, "Stores {key,text} in the connector store; fails with 409 when fail=true, after writing."),
                new ActionDescriptor("notes", "List notes", ActionTarget.Connector, "Lists stored notes.", Mutating: false),
                new ActionDescriptor("import", "Import users", ActionTarget.Connector, "Creates users {users:[{username,badge}]}; 400 naming the row when one is refused, nothing kept."),
                new ActionDescriptor("seen", "Seen changes", ActionTarget.Connector, "Lists the user changes this connector was notified of.", Mutating: false),
                new ActionDescriptor("badge-card", "Badge card", ActionTarget.User, "Downloads a text badge card for the user.", Mutating: false),
            ]));
}

internal sealed class ValidateUser(IDirectoryReader directory) : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var badge = request.User.Settings["badge"]?.GetValue<string>();
        var others = await directory.ListUsersWithSettingsAsync(cancellationToken);
        var clash = others.FirstOrDefault(o => o.User.Id != request.User.User.Id && o.Settings["badge"]?.GetValue<string>() == badge);
        return clash is null
            ? SettingsValidation.Valid
            : new SettingsValidation([new FieldError("badge", $"Badge number {badge} is already used by {clash.User.Username}.")]) { IsConflict = true };
    }
}

/// <summary>The vendor's user profiles (GET /profiles); without a configured vendor there are none to choose.</summary>
internal sealed class ListProfiles(DirectoryVendorGateway vendor, ConnectorContext context) : IRequestHandler<ListFieldOptions, FieldOptionList>
{
    public async Task<FieldOptionList> Handle(ListFieldOptions request, CancellationToken cancellationToken) =>
        context.Settings["vendorUrl"] is null
            ? new FieldOptionList([])
            : new FieldOptionList([.. (await vendor.ListProfilesAsync(cancellationToken)).Select(p => new AllowedValue(p.Id, p.Name))]);
}

internal sealed class Project : IRequestHandler<ProjectUser, Projection>
{
    public Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken) =>
        Task.FromResult(new Projection(Payload(request), [], request.User.User.Username.ToLowerInvariant()));

    private static JsonObject Payload(ProjectUser request)
    {
        var payload = VendorPayload.Of(request.User);
        payload["groups"] = new JsonArray(request.User.Groups.Select(g => (JsonNode?)JsonValue.Create(g.Group.Key)).ToArray());
        payload["roles"] = new JsonArray(request.User.Roles.Select(r => (JsonNode?)JsonValue.Create(r.Key)).ToArray());
        return payload;
    }
}

internal sealed class Actions(IConnectorStore store, IDirectoryWriter writer) : IRequestHandler<InvokeAction, ActionResult>
{
    public async Task<ActionResult> Handle(InvokeAction request, CancellationToken cancellationToken)
    {
        switch (request.Action)
        {
            case "note":
                var key = request.Input["key"]?.GetValue<string>();
                if (string.IsNullOrEmpty(key))
                {
                    return ActionResult.Problem(400, "Invalid note", "key is required.", [new FieldError("key", "Key is required.")]);
                }
                await store.PutAsync("notes", key, new JsonObject { ["text"] = request.Input["text"]?.DeepClone() }, null, cancellationToken);
                return request.Input["fail"]?.GetValue<bool>() == true
                    ? ActionResult.Problem(409, "Refused", $"Note '{key}' was refused after writing it.")
                    : ActionResult.Json(new JsonObject { ["stored"] = key });
            case "notes":
                var notes = await store.ListAsync("notes", cancellationToken);
                return ActionResult.Json(new JsonArray(notes.Select(n => (JsonNode?)JsonValue.Create(n.Key)).ToArray()));
            case "import":
                var rows = request.Input["users"] as JsonArray ?? [];
                for (var i = 0; i < rows.Count; i++)
                {
                    try
                    {
                        await writer.CreateUserAsync(
                            new UserDraft(rows[i]!["username"]!.GetValue<string>(), "", "", null, [], null),
                            new JsonObject { ["badge"] = rows[i]!["badge"]?.DeepClone() }, cancellationToken);
                    }
                    catch (DirectoryWriteException ex)
                    {
                        return ActionResult.Problem(400, "Import refused", $"Row {i + 1}: {ex.Message}");
                    }
                }
                return ActionResult.Json(new JsonObject { ["imported"] = rows.Count });
            case "seen":
                var seen = await store.ListAsync("seen", cancellationToken);
                return ActionResult.Json(new JsonObject(seen.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Document["kind"]?.DeepClone()))));
            case "badge-card":
                var text = $"{request.User!.User.DisplayName}\nBadge {request.User.Settings["badge"]}\n";
                return ActionResult.File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain", $"{request.User.User.Username}.txt");
            default:
                return ActionResult.Problem(404, "Unknown action", $"No action '{request.Action}'.");
        }
    }
}

/// <summary>Records the core's change notifications, so tests can see that plugins receive them after commit.</summary>
internal sealed class RecordUserChanges(IConnectorStore store) : INotificationHandler<UserChanged>
{
    public Task Handle(UserChanged notification, CancellationToken cancellationToken) =>
        store.PutAsync("seen", notification.User.Username, new JsonObject { ["kind"] = notification.Kind.ToString() }, null, cancellationToken);
}
