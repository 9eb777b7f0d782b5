using System.CommandLine;
using ConnectorHost.Core;
using ConnectorHost.Core.Access.CreateAdminAccount;
using ConnectorHost.Core.Access.CreateApiKey;
using ConnectorHost.Core.Domain;
using MediatR;
using Spectre.Console;

namespace ConnectorHost.Cli;

/// <summary>
/// `admin create-account` and `admin create-key`: work on the database directly (whoever can run the CLI can read the
/// database anyway), for recovery and automation without a key.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var role = new Option<AdminRole>("--role") { Description = "Administrator, Operator or ReadOnly.", DefaultValueFactory = _ => AdminRole.Administrator };
        var username = new Option<string>("--username") { Description = "The account's username.", Required = true };
        var account = new Command("create-account", "Create an admin account; the password is read from standard input (one line).") { username, role };
        account.SetAction((parse, ct) => RunAsync(parse, async mediator =>
        {
            var password = Console.In.ReadLine() ?? "";
            var created = await mediator.Send(new CreateAdminAccount(parse.GetValue(username)!, password, parse.GetValue(role)), ct);
            AnsiConsole.MarkupLine($"Admin account [bold]{Markup.Escape(created.Username)}[/] ({created.Role}) created.");
        }, ct));

        var name = new Option<string>("--name") { Description = "What the key is for; the audit names changes made with it api-key:<name>.", Required = true };
        var key = new Command("create-key", "Create an API key and print it once.") { name, role };
        key.SetAction((parse, ct) => RunAsync(parse, async mediator =>
        {
            var created = await mediator.Send(new CreateApiKey(parse.GetValue(name)!, parse.GetValue(role)), ct);
            // The key goes to stdout alone, so a script can capture it; it is shown nowhere else, ever.
            Console.Out.WriteLine(created.Key);
        }, ct));

        var admin = new Command("admin", "Admin accounts and API keys.");
        admin.Subcommands.Add(account);
        admin.Subcommands.Add(key);
        return admin;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<IMediator, Task> action, CancellationToken ct)
    {
        await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<IMediator>());
            return 0;
        }
        catch (ValidationFailedException ex)
        {
            return CommandLine.Fail(string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        catch (ConflictException ex)
        {
            return CommandLine.Fail(ex.Message);
        }
    }
}
