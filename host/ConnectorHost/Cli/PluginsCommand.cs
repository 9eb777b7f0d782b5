using System.CommandLine;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Plugins;
using Spectre.Console;

namespace ConnectorHost.Cli;

internal static class PluginsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "Load every plugin in plugins.json and show its id, version, status and fault reason.");
        list.SetAction(async (parse, ct) =>
        {
            await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
            var catalog = app.Services.GetRequiredService<PluginCatalog>();
            var table = new Table().AddColumns("Id", "Version", "Status", "Reason");
            foreach (var c in catalog.All)
            {
                var status = c.Status switch
                {
                    ConnectorStatus.Loaded => "[green]Loaded[/]",
                    ConnectorStatus.Faulted => "[red]Faulted[/]",
                    _ => "[grey]Disabled[/]",
                };
                table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Description?.Manifest.Version ?? "-"), status, Markup.Escape(c.FaultReason ?? ""));
            }
            AnsiConsole.MarkupLine($"Plugins from {Markup.Escape(catalog.SourceFile ?? "(no plugins.json found)")}");
            AnsiConsole.Write(table);
            return 0;
        });
        var plugins = new Command("plugins", "Inspect connector plugins.");
        plugins.Subcommands.Add(list);
        return plugins;
    }
}
