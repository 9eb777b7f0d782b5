using System.Reflection;
using Autofac;
using Autofac.Core;
using Autofac.Extensions.DependencyInjection;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Plugins;

/// <summary>A connector the host loaded: its load context, its own container scope and its description.</summary>
internal sealed class LoadedPlugin(string id, ILifetimeScope scope, Assembly assembly)
{
    public string Id { get; } = id;
    public ILifetimeScope Scope { get; } = scope;
    public Assembly Assembly { get; } = assembly;
}

/// <summary>
/// Loads the plugins listed in plugins.json, each into its own load context and its own Autofac child scope,
/// and records each as Loaded, Disabled or Faulted with the reason. A faulty plugin never stops the host.
/// </summary>
internal sealed class PluginCatalog(ILogger<PluginCatalog> logger) : IConnectorCatalog, IAsyncDisposable
{
    // The only types whose identity plugins share with the host; everything else a plugin brings is private.
    private static readonly Type[] SharedTypes =
    [
        typeof(IConnectorModule), typeof(IMediator), typeof(IServiceCollection), typeof(ILogger), typeof(ILoggerFactory),
        typeof(Autofac.Module),
    ];

    // Ids are exact (plugins.json only allows lower-case ids): every table stores them as written here.
    private readonly Dictionary<string, LoadedPlugin> _loaded = new(StringComparer.Ordinal);
    private IReadOnlyList<ConnectorInfo> _all = [];

    public IReadOnlyList<ConnectorInfo> All => _all;

    public string? SourceFile { get; private set; }

    public ConnectorInfo? Find(string connectorId) =>
        _all.FirstOrDefault(c => string.Equals(c.Id, connectorId, StringComparison.Ordinal));

    public LoadedPlugin? FindLoaded(string connectorId) => _loaded.GetValueOrDefault(connectorId);

    public IEnumerable<LoadedPlugin> Loaded => _loaded.Values;

    /// <summary>Loads every entry; <paramref name="root"/> is the host container the plugin scopes hang off.</summary>
    public async Task LoadAsync(string? pluginsFile, ILifetimeScope root, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        SourceFile = pluginsFile;
        if (pluginsFile is null)
        {
            logger.LogWarning("No plugins.json found; the host runs without connectors.");
            return;
        }
        var entries = PluginsFile.Read(pluginsFile, environment);
        // Each plugin on its own pool thread: loading is mostly JIT and reflection over one plugin's own assembly, and a
        // restart waits on the slowest plugin instead of on all of them in turn. Results keep the file's order.
        // LoadOneAsync faults an entry instead of throwing, so every plugin that loaded reaches the catalog (and its disposal).
        var results = await Task.WhenAll(entries.Select(entry => Task.Run(() => LoadOneAsync(entry, root, cancellationToken))));
        var infos = new List<ConnectorInfo>();
        foreach (var (info, plugin) in results)
        {
            if (plugin is not null)
            {
                _loaded[plugin.Id] = plugin;
            }
            if (info.Status == ConnectorStatus.Faulted)
            {
                logger.LogError("Plugin {Id} is faulted: {Reason}", info.Id, info.FaultReason);
            }
            else
            {
                logger.LogInformation("Plugin {Id} is {Status}", info.Id, info.Status);
            }
            infos.Add(info);
        }
        _all = infos;
    }

    /// <summary>One entry's outcome, and the plugin when it loaded; any failure while loading faults the entry (never throws).</summary>
    private async Task<(ConnectorInfo Info, LoadedPlugin? Plugin)> LoadOneAsync(PluginEntry entry, ILifetimeScope root, CancellationToken cancellationToken)
    {
        (ConnectorInfo, LoadedPlugin?) Faulted(string reason) => (new ConnectorInfo(entry.Id, ConnectorStatus.Faulted, reason, entry.Path, null), null);

        if (entry.Problem is not null)
        {
            return Faulted(entry.Problem);
        }
        if (!entry.Enabled)
        {
            return (new ConnectorInfo(entry.Id, ConnectorStatus.Disabled, null, entry.Path, null), null);
        }
        if (!File.Exists(entry.Path))
        {
            return Faulted($"plugin file not found: {entry.Path} (build it with `dotnet build`, or fix 'path' in plugins.json).");
        }
        ILifetimeScope? scope = null;
        try
        {
            // Inside the try: an unreadable file faults only its entry, like any other load failure.
            if (SdkCompatibility.Check(entry.Path) is { } incompatible)
            {
                return Faulted(incompatible);
            }
            var loader = PluginLoader.CreateFromAssemblyFile(entry.Path, SharedTypes);
            var assembly = loader.LoadDefaultAssembly();
            var modules = assembly.GetExportedTypes()
                .Where(t => typeof(IConnectorModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToList();
            if (modules.Count != 1)
            {
                return Faulted($"{Path.GetFileName(entry.Path)} must have exactly one public IConnectorModule class; found {modules.Count}.");
            }
            var module = (IConnectorModule)Activator.CreateInstance(modules[0])!;
            var context = new ConnectorContext(entry.Id, entry.Settings, Path.GetDirectoryName(entry.Path)!, LibPhoneNumbers.Instance);
            scope = root.BeginLifetimeScope($"plugin:{entry.Id}", builder => RegisterPlugin(builder, module, context, assembly));
            var plugin = new LoadedPlugin(entry.Id, scope, assembly);

            var description = await DescribeAsync(plugin, root, cancellationToken);
            if (!string.Equals(description.Manifest.Id, entry.Id, StringComparison.Ordinal))
            {
                await scope.DisposeAsync();
                return Faulted($"plugins.json id '{entry.Id}' does not match the connector's manifest id '{description.Manifest.Id}'.");
            }
            if (DescriptionRules.Problem(description) is { } contract)
            {
                await scope.DisposeAsync();
                return Faulted(contract);
            }
            var settingsCheck = SchemaValidator.Validate(description.Schema.Connector, entry.Settings);
            if (!settingsCheck.IsValid)
            {
                await scope.DisposeAsync();
                return Faulted("invalid settings in plugins.json: " + string.Join("; ", settingsCheck.Errors.Select(e => $"settings.{e.Field}: {e.Message}")));
            }
            return (new ConnectorInfo(entry.Id, ConnectorStatus.Loaded, null, entry.Path, description), plugin);
        }
        catch (Exception ex)
        {
            if (scope is not null)
            {
                await scope.DisposeAsync();
            }
            // Registration errors surface from Autofac wrapped; the innermost message is the plugin's own.
            var inner = ex;
            while (inner.InnerException is not null && inner is DependencyResolutionException or TargetInvocationException or AggregateException)
            {
                inner = inner.InnerException;
            }
            logger.LogDebug(ex, "Plugin {Id} failed to load", entry.Id);
            return Faulted($"failed while loading: {inner.GetType().Name}: {inner.Message}");
        }
    }

    private static void RegisterPlugin(ContainerBuilder builder, IConnectorModule module, ConnectorContext context, Assembly assembly)
    {
        var services = new ServiceCollection();
        module.ConfigureServices(services, context);
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime());
        builder.Populate(services, $"plugin:{context.ConnectorId}");
        builder.RegisterInstance(context.PhoneNumbers).As<IPhoneNumbers>().ExternallyOwned();
        builder.Register<ServiceFactory>(c =>
        {
            var scope = c.Resolve<ILifetimeScope>();
            return type => PluginServiceFactory.Resolve(scope, type, assembly);
        }).InstancePerLifetimeScope();
        builder.RegisterType<Mediator>().As<IMediator>().InstancePerLifetimeScope();
    }

    private static async Task<ConnectorDescription> DescribeAsync(LoadedPlugin plugin, ILifetimeScope root, CancellationToken cancellationToken)
    {
        await using var hostScope = root.BeginLifetimeScope();
        return await ConnectorDispatcher.SendToPluginAsync(plugin, hostScope, new DescribeConnector(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var plugin in _loaded.Values)
        {
            await plugin.Scope.DisposeAsync();
        }
        _loaded.Clear();
    }
}

/// <summary>How MediatR inside a plugin scope finds services.</summary>
internal static class PluginServiceFactory
{
    public static object? Resolve(ILifetimeScope scope, Type type, Assembly pluginAssembly)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GenericTypeArguments[0];
            if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>))
            {
                // The core's pipeline (validation, transactions) is for core requests, not for plugin requests.
                return Array.CreateInstance(element, 0);
            }
            if (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
            {
                // Child scopes see the root's registrations too; each plugin handles only its own notifications.
                var own = ((IEnumerable<object>)scope.Resolve(type)).Where(h => h.GetType().Assembly == pluginAssembly).ToList();
                var array = Array.CreateInstance(element, own.Count);
                for (var i = 0; i < own.Count; i++)
                {
                    array.SetValue(own[i], i);
                }
                return array;
            }
        }
        return scope.ResolveOptional(type);
    }
}
