using System.Text.Json.Nodes;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnectorHost.Testing;

/// <summary>
/// Wires one plugin the way the host does (module services, scanned handlers, MediatR, host services)
/// without the host, so plugin tests can send SDK requests straight to the plugin's handlers.
/// </summary>
public sealed class PluginHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private PluginHarness(ServiceProvider provider, InMemoryDirectory directory, InMemoryConnectorStore store)
    {
        _provider = provider;
        Directory = directory;
        Store = store;
    }

    /// <summary>The fake core model the plugin reads and writes.</summary>
    public InMemoryDirectory Directory { get; }

    /// <summary>The plugin's document store.</summary>
    public InMemoryConnectorStore Store { get; }

    /// <summary>The plugin's services (e.g. to reach a gateway directly).</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Creates the harness for the module type <typeparamref name="TModule"/> with connector-level settings; the plugin
    /// logs to <paramref name="loggers"/> when given (e.g. to check that no secret is logged), else nowhere.
    /// </summary>
    public static PluginHarness Create<TModule>(string connectorId, JsonObject? settings = null, ILoggerFactory? loggers = null)
        where TModule : IConnectorModule, new()
    {
        var directory = new InMemoryDirectory();
        var store = new InMemoryConnectorStore();
        var services = new ServiceCollection();
        services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IDirectoryReader>(directory);
        services.AddSingleton<IDirectoryWriter>(directory);
        services.AddSingleton<IConnectorStore>(store);
        services.AddSingleton<IPhoneNumbers>(LibPhoneNumbers.Instance);
        var assembly = typeof(TModule).Assembly;
        new TModule().ConfigureServices(services, new ConnectorContext(connectorId, settings ?? new JsonObject(), Path.GetDirectoryName(assembly.Location)!, LibPhoneNumbers.Instance));
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime());
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        return new PluginHarness(services.BuildServiceProvider(validateScopes: true), directory, store);
    }

    /// <summary>Sends a request to the plugin's handler in a fresh scope, as the host does per request.</summary>
    public async Task<T> Send<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>
    /// Validates a settings document as the host does before the connector's own rules: the schema's generic rules,
    /// with the fields marked OptionsFromConnector checked against the lists the plugin gives now.
    /// </summary>
    public async Task<SchemaValidationResult> ValidateSchemaAsync(IReadOnlyList<FieldSchema> schema, JsonObject? settings, JsonObject? previous = null)
    {
        var lists = new Dictionary<string, IReadOnlyList<AllowedValue>>(StringComparer.Ordinal);
        foreach (var field in schema.Where(f => f.OptionsFromConnector))
        {
            lists[field.Key] = (await Send(new ListFieldOptions(field.Key))).Items;
        }
        return SchemaValidator.Validate(schema, settings, previous, lists);
    }

    /// <summary>
    /// What a PUT of a user's settings answers, step by step as the host does it: the generic rules (with the plugin's
    /// option lists), then the connector's own validation when it declares that capability; stores the document only
    /// when both pass.
    /// </summary>
    public async Task<SettingsPutOutcome> PutUserSettingsAsync(Guid userId, JsonObject proposed)
    {
        var description = await Send(new DescribeConnector());
        var previous = Directory.UserSettings(userId);
        var generic = await ValidateSchemaAsync(description.Schema.User, proposed, previous);
        if (!generic.IsValid)
        {
            return new SettingsPutOutcome(generic.Errors, generic.Warnings, null);
        }
        var vendor = description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateUserSettings)
            ? await Send(new ValidateUserSettings(Directory.ContextOf(userId, generic.Settings), previous))
            : SettingsValidation.Valid;
        if (vendor.Errors.Count > 0)
        {
            return new SettingsPutOutcome(vendor.Errors, generic.Warnings, null) { IsConflict = vendor.IsConflict };
        }
        var stored = vendor.Settings ?? generic.Settings;
        Directory.SetUserSettings(userId, stored);
        return new SettingsPutOutcome([], [.. generic.Warnings, .. vendor.Warnings], stored);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
