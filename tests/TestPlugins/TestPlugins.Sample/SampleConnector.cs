using System.Text.Json.Nodes;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using TestPlugins.Sample.Actions;
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
        services.AddConnectorActions()
            .AddConnectorAction<NoteAction>()
            .AddConnectorAction<NotesAction>()
            .AddConnectorAction<ImportAction>()
            .AddConnectorAction<DirectoryWriteAction>()
            .AddConnectorAction<SeenAction>()
            .AddConnectorAction<BadgeCardAction>()
            .AddConnectorAction<RotateApiKeyAction>()
            .AddConnectorAction<AdoptLevelAction>()
            .AddConnectorAction<PeekLevelAction>();
    }
}

internal static class SampleSchema
{
    /// <summary>The vendor's roster file: German headers, semicolons, its own team names, at most two rows per file.</summary>
    public static readonly ConnectorHost.Sdk.Bulk.UserFileFormat Roster = new("sample-roster", "Sample roster",
    [
        new("Login", ConnectorHost.Sdk.Bulk.UserFileTarget.Core(ConnectorHost.Sdk.Bulk.CoreColumn.Username)) { Required = true, Aliases = ["Benutzer"] },
        new("Vorname", ConnectorHost.Sdk.Bulk.UserFileTarget.Core(ConnectorHost.Sdk.Bulk.CoreColumn.FirstName)),
        new("Nachname", ConnectorHost.Sdk.Bulk.UserFileTarget.Core(ConnectorHost.Sdk.Bulk.CoreColumn.LastName)),
        new("Ausweis", ConnectorHost.Sdk.Bulk.UserFileTarget.Setting("badge")) { Required = true },
        new("Team", ConnectorHost.Sdk.Bulk.UserFileTarget.Setting("team")) { Values = new Dictionary<string, string> { ["Rot"] = "red", ["Blau"] = "blue" } },
    ])
    {
        MaxRowsPerFile = 2,
        Delimiter = ';',
    };

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
            new FieldSchema("initialPassword", "Initial password", FieldType.Secret) { MinLength = 8, WriteOnly = true },
            new FieldSchema("avatar", "Avatar", FieldType.File) { MaxLength = 8 * 1024 * 1024, AcceptedContentTypes = ["image/png", "image/jpeg"] },
            new FieldSchema("login", "Login", FieldType.String) { ReadOnlyAfterCreate = true },
            new FieldSchema("profile", "Vendor profile", FieldType.Enum) { OptionsFromConnector = true, OptionsRefreshSeconds = 60 },
        ],
        [new FieldSchema("costCenter", "Cost center", FieldType.String) { Required = true }])
    {
        Role =
        [
            new FieldSchema("tier", "Vendor tier", FieldType.Enum) { Required = true, AllowedValues = [new("gold", "Gold"), new("silver", "Silver")] },
            new FieldSchema("seats", "Seats", FieldType.Int) { Min = 1, Max = 50 },
        ],
    };
}

internal sealed class Describe(ActionRouter actions) : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            new ConnectorManifest("sample", "Sample connector", "1.2.3", SdkInfo.Version,
                ConnectorCapabilities.ValidateUserSettings | ConnectorCapabilities.ProjectUser | ConnectorCapabilities.Actions
                | ConnectorCapabilities.PushUser | ConnectorCapabilities.ListVendorUsers | ConnectorCapabilities.ListFieldOptions),
            SampleSchema.Schema,
            actions.Descriptors)
        {
            FileFormats = [SampleSchema.Roster],
        });
}

internal sealed class ValidateUser(IDirectoryReader directory) : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var badge = request.User.Settings["badge"]?.GetValue<string>();
        // The holders of this badge only (an indexed lookup), so importing many rows stays linear.
        var others = badge is null
            ? await directory.ListUsersWithSettingsAsync(cancellationToken)
            : await directory.FindUsersBySettingAsync("badge", badge, SettingMatch.Exact, cancellationToken);
        var clash = others.FirstOrDefault(o => o.User.Id != request.User.User.Id && o.Settings["badge"]?.GetValue<string>() == badge);
        return clash is null
            ? SettingsValidation.Valid
            : SettingsValidation.Refused([new FieldError("badge", $"Badge number {badge} is already used by {clash.User.Username}.") { Code = FieldErrorCodes.Conflict }]);
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
        payload["roles"] = new JsonArray(request.User.Roles.Select(r => (JsonNode?)JsonValue.Create(r.Role.Key)).ToArray());
        // Role settings travel with the role: the vendor tier each role stands for.
        payload["roleTiers"] = new JsonObject(request.User.Roles.Where(r => r.Settings["tier"] is not null)
            .Select(r => KeyValuePair.Create(r.Role.Key, (JsonNode?)r.Settings["tier"]!.DeepClone())));
        return payload;
    }
}

/// <summary>Records the core's change notifications, so tests can see that plugins receive them after commit.</summary>
internal sealed class RecordUserChanges(IConnectorStore store) : INotificationHandler<UserChanged>
{
    public Task Handle(UserChanged notification, CancellationToken cancellationToken) =>
        store.PutAsync("seen", notification.User.Username, new JsonObject { ["kind"] = notification.Kind.ToString() }, null, cancellationToken);
}
