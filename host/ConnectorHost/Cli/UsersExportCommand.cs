using System.CommandLine;
using ConnectorHost.Core;
using ConnectorHost.Core.Imports.ExportUsers;
using MediatR;

namespace ConnectorHost.Cli;

/// <summary>`users export [--format NAME] [--output FILE]`: every user, streamed to stdout or a file.</summary>
internal static class UsersExportCommand
{
    public static Command Create()
    {
        var format = new Option<string?>("--format") { Description = "A connector's user file format; default: the core CSV format (imports back unchanged)." };
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output (a zip when the format limits rows per file)." };
        var command = new Command("export", "Export every user as a file.") { format, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
            await using var scope = app.Services.CreateAsyncScope();
            var target = parse.GetValue(output);
            try
            {
                // The format is checked before a file is created or a byte is written.
                ExportUsers.ShapeOf(scope.ServiceProvider.GetRequiredService<Core.Connectors.IConnectorCatalog>(), parse.GetValue(format));
                await using var stream = target is null ? Console.OpenStandardOutput() : target.Create();
                var rows = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportUsers(parse.GetValue(format), stream), ct);
                if (target is not null)
                {
                    Console.Error.WriteLine($"{rows} user(s) written to {target.FullName}.");
                }
                return 0;
            }
            catch (ValidationFailedException ex)
            {
                return CommandLine.Fail(string.Join("; ", ex.Errors.Select(e => $"--{e.Field}: {e.Message}")));
            }
        });
        return command;
    }
}
