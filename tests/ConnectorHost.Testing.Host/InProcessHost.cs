using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Testing.Host;

/// <summary>
/// The real host started in this process on 127.0.0.1 (a free port), on a SQLite file in a folder of its own, with the
/// test's plugins.json. What every test bed builds on: start, address, services, and a stop that leaves no pooled
/// connection holding the file.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>The folder of the database (<c>host.db</c>), the key ring and plugins.json.</summary>
    public string Directory { get; }

    public string DatabaseFile => Path.Combine(Directory, "host.db");

    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the host on <c>host.db</c> in <paramref name="directory"/> with <paramref name="pluginsFile"/>. The host sees
    /// nothing of the process environment but <paramref name="environment"/>, and logs only to <paramref name="logging"/>'s providers.
    /// </summary>
    public static async Task<InProcessHost> StartAsync(string directory, string pluginsFile, Func<string, string?> environment,
        IReadOnlyDictionary<string, string?>? configuration = null, bool runSyncWorker = true, bool runImportWorker = true,
        long? maxRequestBodyBytes = null, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        var app = await HostApp.CreateAsync(new HostAppOptions
        {
            ConnectionString = $"Data Source={Path.Combine(directory, "host.db")}",
            PluginsFile = pluginsFile,
            Urls = "http://127.0.0.1:0",
            MaxRequestBodyBytes = maxRequestBodyBytes,
            Configuration = configuration,
            RunSyncWorker = runSyncWorker,
            RunImportWorker = runImportWorker,
            Environment = environment,
            ConfigureLogging = builder =>
            {
                builder.ClearProviders();
                logging?.Invoke(builder);
            },
            Time = time,
        });
        await app.StartAsync();
        return new InProcessHost(app, directory);
    }

    /// <summary>Deletes a test folder; a file the OS still holds is left as temp garbage rather than failing a test.</summary>
    public static void DeleteFolder(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Only temp garbage; never fail a test on cleanup.
        }
    }

    /// <summary>Stops the host and releases the database file (SQLite's pool would keep it open).</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
