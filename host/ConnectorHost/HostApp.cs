using System.Text.Json;
using System.Text.Json.Serialization;
using Autofac;
using Autofac.Extensions.DependencyInjection;
using ConnectorHost.Access;
using ConnectorHost.Api;
using ConnectorHost.Api.Access;
using ConnectorHost.Api.Audit;
using ConnectorHost.Api.Connectors;
using ConnectorHost.Api.ConnectorSettings;
using ConnectorHost.Api.Groups;
using ConnectorHost.Api.Imports;
using ConnectorHost.Api.OpenApi;
using ConnectorHost.Api.Roles;
using ConnectorHost.Api.Users;
using ConnectorHost.Api.Sync;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sync;
using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Plugins;
using ConnectorHost.Secrets;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace ConnectorHost;

/// <summary>How to start the host; every value falls back to configuration (appsettings, environment, --key=value).</summary>
internal sealed record HostAppOptions
{
    public string[] Args { get; init; } = [];
    public string? ConnectionString { get; init; }
    public string? PluginsFile { get; init; }
    public string? Urls { get; init; }
    public long? MaxRequestBodyBytes { get; init; }
    /// <summary>The background delivery of the outbox; off for one-shot CLI verbs.</summary>
    public bool RunSyncWorker { get; init; } = true;
    /// <summary>The background runner of import jobs; off for one-shot CLI verbs (`users import` runs its job itself).</summary>
    public bool RunImportWorker { get; init; } = true;
    /// <summary>Extra configuration (highest precedence), e.g. Sync:PollInterval in tests.</summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
    /// <summary>The clock of the sync engine and the plugins' host services; tests pass a fake one to move time.</summary>
    public TimeProvider? Time { get; init; }
}

/// <summary>Builds the host: container, core module, plugins, HTTP API. Used by `serve`, the CLI verbs and the tests.</summary>
internal static class HostApp
{
    public const string DefaultUrls = "http://localhost:5080";

    public static async Task<WebApplication> CreateAsync(HostAppOptions options, CancellationToken cancellationToken = default)
    {
        // appsettings.json comes from the install folder whatever the working directory; relative paths in
        // settings (data/connectorhost.db, plugins.json) still resolve against the working directory.
        StartupTimings.Mark("host build begins");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args, ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());
        options.ConfigureLogging?.Invoke(builder.Logging);
        if (options.Configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Configuration);
        }

        var config = builder.Configuration;
        var urls = options.Urls ?? config["urls"] ?? config["ASPNETCORE_URLS"] ?? DefaultUrls;
        builder.WebHost.UseUrls(urls);
        var coreOptions = config.GetSection("ConnectorHost").Get<CoreOptions>() ?? new CoreOptions();
        var maxBody = options.MaxRequestBodyBytes ?? config.GetValue<long?>("ConnectorHost:MaxRequestBodyBytes") ?? 16 * 1024 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);

        var connectionString = options.ConnectionString ?? config.GetConnectionString("ConnectorHost") ?? Database.DefaultConnectionString;
        var syncOptions = config.GetSection("Sync").Get<SyncOptions>() ?? new SyncOptions();
        builder.Services.AddConnectorHostCore(connectionString, coreOptions, syncOptions);
        builder.Services.AddSecretKeyRing(builder.Logging, KeyRing.FolderFor(connectionString, config["ConnectorHost:KeyRingPath"]));
        if (options.Time is not null)
        {
            builder.Services.AddSingleton(options.Time);
        }
        if (options.RunSyncWorker)
        {
            builder.Services.AddHostedService<SyncWorker>();
        }
        builder.Services.AddHostedService<Access.ApiKeyUseWriter>();
        builder.Services.AddSingleton<Imports.ImportSignal>();
        if (options.RunImportWorker)
        {
            builder.Services.AddHostedService<Imports.ImportWorker>();
        }
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = ImportsEndpoints.MaxUploadBytes);
        builder.Services.AddSingleton<PluginCatalog>();
        builder.Services.AddSingleton<IConnectorCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        builder.Services.AddScoped<IConnectorDispatcher, ConnectorDispatcher>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentActor, HttpActor>();

        builder.Services.AddProblemDetails();
        // Binding failures (malformed JSON, wrong types) reach ProblemMapping, which names the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // A misspelt field is an error naming it, not silently ignored.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddApiDocument();
        builder.Services.AddHealthChecks().AddCheck<PluginHealthCheck>("plugins");
        builder.Services.AddAdminAccess(config);

        var app = builder.Build();
        StartupTimings.Mark("container built");
        app.UseExceptionHandler();
        app.UseStatusCodePages(ProblemMapping.WriteStatusCodePageAsync);
        app.UseAdminAccess();
        // Policies by route group (declared once in AccessPolicies); anything mapped without one gets the fallback policy.
        var operate = app.MapGroup("").RequireAuthorization(AccessPolicies.Operate);
        var administer = app.MapGroup("").RequireAuthorization(AccessPolicies.Administer);
        var signedIn = app.MapGroup("").RequireAuthorization(AccessPolicies.SignedIn);
        app.MapOpenApi();
        // The explorer marks its script files anonymous; here nothing but health and sign-in is, so the mark comes off
        // (a "finally" convention runs after the explorer's own).
        var explorer = app.MapGroup("");
        explorer.MapScalarApiReference();
        ((IEndpointConventionBuilder)explorer).Finally(endpoint =>
        {
            foreach (var anonymous in endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().ToList())
            {
                endpoint.Metadata.Remove(anonymous);
            }
        });
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        app.MapGet(AccessStyles.Path, () => Results.Text(AccessStyles.Css, "text/css")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect("/users")).ExcludeFromDescription();
        operate.MapUsers().MapUserExport();
        operate.MapImports();
        operate.MapGroups();
        operate.MapRoles();
        app.MapGroup("").RequireAuthorization(AccessPolicies.ConnectorActions).MapConnectors();
        operate.MapConnectorSettings();
        operate.MapAudit();
        operate.MapSync();
        administer.MapAdminAccess(signedIn);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Plugins load on a pool thread while this one prepares the database: neither needs the other (a plugin's
        // describe handler reads no data), and on a small machine the two halves of the start overlap.
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var pluginsFile = PluginsFile.Locate(options.PluginsFile ?? config["Plugins:File"]);
        var root = app.Services.GetRequiredService<ILifetimeScope>();
        var pluginsLoaded = Task.Run(async () =>
        {
            await catalog.LoadAsync(pluginsFile, root, options.Environment, cancellationToken);
            StartupTimings.Mark("plugins loaded");
            return watch.Elapsed;
        }, cancellationToken);
        TimeSpan migrated;
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>(), cancellationToken);
            }
            migrated = watch.Elapsed;
            StartupTimings.Mark("migrations checked");
            await AccessStartup.RunAsync(app, options.Environment, cancellationToken);
            StartupTimings.Mark("access bootstrapped");
        }
        catch
        {
            // Let the plugin thread finish before the caller disposes the container under it; its own failure is moot now.
            await pluginsLoaded.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }
        var pluginsTime = await pluginsLoaded;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A database written by an older host: clear secrets and embedded files are upgraded once the schemas are known.
            var upgraded = await StoredSettingsUpgrade.RunAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>(), catalog,
                scope.ServiceProvider.GetRequiredService<SettingsSecrets>(), DateTime.UtcNow, cancellationToken);
            if (upgraded > 0)
            {
                app.Logger.LogInformation("Upgraded {Count} settings document(s) written by an older host: secrets encrypted, files stored apart", upgraded);
            }
        }
        StartupTimings.Mark("settings upgrade checked");
        app.Lifetime.ApplicationStarted.Register(() => StartupTimings.Mark("listening"));
        app.Logger.LogInformation("Database ready in {Migrate} ms, {Count} plugin(s) loaded in {Plugins} ms (at the same time)",
            (int)migrated.TotalMilliseconds, catalog.All.Count, (int)pluginsTime.TotalMilliseconds);
        return app;
    }
}

/// <summary>The audit actor of an HTTP request: the signed-in account's username or <c>api-key:&lt;name&gt;</c>; anonymous calls (redeeming a one-time token) are "anonymous".</summary>
internal sealed class HttpActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string Name => accessor.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : accessor.HttpContext is null ? "system" : "anonymous";
}

/// <summary>Healthy when every enabled plugin loaded; degraded (still serving) when one is faulted.</summary>
internal sealed class PluginHealthCheck(IConnectorCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var faulted = catalog.All.Where(c => c.Status == ConnectorStatus.Faulted).Select(c => c.Id).ToList();
        return Task.FromResult(faulted.Count == 0
            ? HealthCheckResult.Healthy($"{catalog.All.Count(c => c.Status == ConnectorStatus.Loaded)} connector(s) loaded.")
            : HealthCheckResult.Degraded($"Faulted connector(s): {string.Join(", ", faulted)}."));
    }
}
