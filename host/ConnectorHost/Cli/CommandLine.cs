using System.CommandLine;
using ConnectorHost.Plugins;
using Spectre.Console;

namespace ConnectorHost.Cli;

/// <summary>The `connectorhost` command line: serve (default), migrate, plugins list, users list, sync, admin.</summary>
internal static class CommandLine
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "SQLite connection string (default: ConnectionStrings:ConnectorHost, else Data Source=data/connectorhost.db).",
        Recursive = true,
    };

    public static readonly Option<string?> Plugins = new("--plugins")
    {
        Description = "Path of plugins.json (default: the first plugins.json found from the working directory upwards).",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ConnectorHost: one model of users, groups and roles, pushed to telephony products through connector plugins.");
        root.Options.Add(Database);
        root.Options.Add(Plugins);
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        // No verb means serve, so `dotnet run --project host/ConnectorHost` starts the API.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => ServeCommand.RunAsync(parse, ct));

        if (Console.IsOutputRedirected)
        {
            // Piped output (scripts, CI logs) gets full-width tables instead of 80-column wrapping.
            AnsiConsole.Profile.Width = 240;
        }
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (PluginsFileException ex)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // A readable line and a non-zero exit, never a stack trace, for the failures an operator can fix.
            return Fail(ex.Message);
        }
    }

    internal static HostAppOptions HostOptions(ParseResult parse, bool quiet) => new()
    {
        Args = [.. parse.UnmatchedTokens],
        ConnectionString = parse.GetValue(Database),
        PluginsFile = parse.GetValue(Plugins),
        // One-shot verbs print their result on stdout; log lines (e.g. a faulted plugin) go to stderr.
        ConfigureLogging = quiet
            ? logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            : null,
        RunSyncWorker = !quiet,
        RunImportWorker = !quiet,
        // appsettings.json asks for Information; one-shot verbs print results, not request logs.
        Configuration = quiet ? new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" } : null,
    };

    internal static int Fail(string message)
    {
        AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return 1;
    }
}
