using ConnectorHost.Core;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnectorHost.Core.Tests;

/// <summary>The core module on a real temporary SQLite file, without a host and without connectors.</summary>
public sealed class CoreFixture : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _file;

    private CoreFixture(ServiceProvider provider, string file)
    {
        _provider = provider;
        _file = file;
    }

    public string ConnectionString => $"Data Source={_file}";

    public static async Task<CoreFixture> StartAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"core-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddConnectorHostCore($"Data Source={file}");
        services.AddSingleton<IConnectorCatalog>(new NoConnectors());
        services.AddScoped<IConnectorDispatcher, NoDispatch>();
        services.AddSingleton<ICurrentActor>(new FixedActor("core-test"));
        services.AddSingleton<Secrets.ISecretProtector, ReversibleTestProtector>();
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>());
        }
        return new CoreFixture(provider, file);
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A scope of its own, as one request has (its own database context and connection).</summary>
    public AsyncServiceScope CreateScope() => _provider.CreateAsyncScope();

    public async Task<T> QueryAsync<T>(Func<HostDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HostDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }

    private sealed class NoConnectors : IConnectorCatalog
    {
        public IReadOnlyList<ConnectorInfo> All => [];

        public ConnectorInfo? Find(string connectorId) => null;
    }

    private sealed class NoDispatch : IConnectorDispatcher
    {
        public Task<T> SendAsync<T>(string connectorId, IRequest<T> request, CancellationToken cancellationToken) =>
            throw new ConnectorUnavailableException($"Connector '{connectorId}' is not loaded.", unknown: true);

        public Task PublishAsync(INotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
