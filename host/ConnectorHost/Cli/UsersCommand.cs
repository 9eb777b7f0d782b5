using System.CommandLine;
using ConnectorHost.Core;
using ConnectorHost.Core.Users.ListUsers;
using MediatR;
using Spectre.Console;

namespace ConnectorHost.Cli;

internal static class UsersCommand
{
    public static Command Create()
    {
        var page = new Option<int>("--page") { Description = "Page number, from 1.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Users per page.", DefaultValueFactory = _ => 50 };
        var search = new Option<string?>("--search") { Description = "Substring of username, name, e-mail or extension." };
        var list = new Command("list", "List users from the database.") { page, pageSize, search };
        list.SetAction(async (parse, ct) =>
        {
            await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new ListUsers(parse.GetValue(page), parse.GetValue(pageSize), parse.GetValue(search)), ct);
                var table = new Table().AddColumns("Username", "Name", "E-mail", "Extension", "Enabled");
                foreach (var u in result.Items)
                {
                    table.AddRow(Markup.Escape(u.Username), Markup.Escape(u.DisplayName), Markup.Escape(u.Email ?? ""), Markup.Escape(u.Extension ?? ""), u.Enabled ? "yes" : "[red]no[/]");
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"Page {result.PageNumber}, {result.Items.Count} of {result.TotalCount} user(s).");
                return 0;
            }
            catch (ValidationFailedException ex)
            {
                return CommandLine.Fail(string.Join("; ", ex.Errors.Select(e => $"--{ToOption(e.Field)}: {e.Message}")));
            }
        });
        var users = new Command("users", "Work with users.");
        users.Subcommands.Add(list);
        users.Subcommands.Add(UsersImportCommand.Create());
        users.Subcommands.Add(UsersExportCommand.Create());
        return users;
    }

    private static string ToOption(string field) => field switch
    {
        "pageSize" => "page-size",
        _ => field,
    };
}
