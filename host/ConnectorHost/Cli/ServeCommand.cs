using System.CommandLine;
using ConnectorHost.Plugins;

namespace ConnectorHost.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Apply migrations, load plugins and serve the API (default: http://localhost:5080).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction(RunAsync);
        return serve;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: false), cancellationToken);
            await app.RunAsync();
            return 0;
        }
        catch (PluginsFileException ex)
        {
            return CommandLine.Fail(ex.Message);
        }
        catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return CommandLine.Fail($"{ex.Message} Pass --urls http://localhost:PORT to use another port.");
        }
    }
}
