using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Sync;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core module: database, use-case handlers, validators and the pipeline
    /// (logging → validation → option lists → transaction). The host supplies IConnectorCatalog, IConnectorDispatcher, ICurrentActor and ISecretProtector.
    /// </summary>
    public static IServiceCollection AddConnectorHostCore(this IServiceCollection services, string connectionString, CoreOptions? options = null, SyncOptions? syncOptions = null)
    {
        services.AddSingleton(options ?? new CoreOptions());
        services.AddSingleton(syncOptions ?? new SyncOptions());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectorResilience>();
        services.AddSingleton<WriteQueue>();
        services.AddSingleton<FieldOptions.FieldOptionsCache>();
        services.AddScoped<SyncDelivery>();
        services.AddSingleton<SyncRound>();
        services.AddSingleton<Secrets.SettingsSecrets>();
        services.AddSingleton<Access.ApiKeyUses>();
        services.AddScoped<Access.AuthenticateApiKey.ApiKeyAuthenticator>();
        services.AddScoped<ChangeOrigin>();
        services.AddScoped<ChangeCaptureInterceptor>();
        // Pooled: a context keeps its EF services between requests instead of building them and its options for every
        // scope (about a third of a GET's time). The request's own part, its change capture, is attached on rent.
        services.AddPooledDbContextFactory<HostDbContext>(o => o.UseConnectorHostSqlite(connectionString).AddInterceptors(ChangeCaptureRelay.Instance));
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<HostDbContext>>().CreateDbContext();
            db.Capture = sp.GetRequiredService<ChangeCaptureInterceptor>();
            return db;
        });
        services.AddScoped<PendingNotifications>();
        services.AddScoped<Savepoints>();
        services.AddScoped<ConnectorSettings.CoreChangeCheck>();
        services.AddScoped<PluginServicesFactory>();
        services.AddSingleton(Imports.ImportFiles.ForDatabase(connectionString));
        services.AddSingleton<Imports.ImportProgress>();
        services.AddScoped<Imports.ImportRowWriter>();
        services.AddScoped<Imports.IImportRunner, Imports.ImportRunner>();
        services.Scan(scan => scan.FromAssemblyOf<HostDbContext>()
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)).Where(t => !t.IsGenericTypeDefinition && t != typeof(Users.UserProfileValidator)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime());
        // Registration order is pipeline order, outermost first.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(FieldOptionsBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehaviour<,>));
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        return services;
    }
}
