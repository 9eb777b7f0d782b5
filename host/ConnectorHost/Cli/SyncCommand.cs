using System.CommandLine;
using ConnectorHost.Core;
using ConnectorHost.Core.Sync;
using ConnectorHost.Core.Sync.DeadLetters;
using ConnectorHost.Core.Sync.GetSyncStatus;
using ConnectorHost.Core.Sync.Plan;
using ConnectorHost.Core.Sync.PushNow;
using ConnectorHost.Core.Sync.Reconcile;
using MediatR;
using Spectre.Console;

namespace ConnectorHost.Cli;

/// <summary>`connectorhost sync status|plan|push|reconcile|retry`: the sync engine from a terminal.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var sync = new Command("sync", "Inspect and drive the sync of users to connectors.");
        sync.Subcommands.Add(Status());
        sync.Subcommands.Add(Plan());
        sync.Subcommands.Add(Push());
        sync.Subcommands.Add(ReconcileVerb());
        sync.Subcommands.Add(Retry());
        return sync;
    }

    private static Option<string> ConnectorOption(bool required) => new("--connector") { Description = "Connector id from plugins.json.", Required = required };

    private static Command Status()
    {
        var command = new Command("status", "Pending, failing and dead-letter jobs and last success per connector.");
        command.SetAction((parse, ct) => WithMediatorAsync(parse, ct, async mediator =>
        {
            var table = new Table().AddColumns("Connector", "Pending", "Failing", "Dead-letter", "Held deletes", "Last success", "Circuit", "Note");
            foreach (var s in await mediator.Send(new GetSyncStatus(), ct))
            {
                table.AddRow(Markup.Escape(s.ConnectorId), s.Pending.ToString(), s.Failing > 0 ? $"[yellow]{s.Failing}[/]" : "0",
                    s.DeadLetter > 0 ? $"[red]{s.DeadLetter}[/]" : "0", s.HeldDeletes.ToString(), s.LastSuccess?.ToString("u") ?? "never",
                    s.Circuit, Markup.Escape(s.Blocked ?? s.LastError ?? ""));
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Plan()
    {
        var connector = ConnectorOption(required: false);
        var command = new Command("plan", "Dry run: what a sync would create, update and delete (changes nothing).") { connector };
        command.SetAction((parse, ct) => WithMediatorAsync(parse, ct, async mediator =>
        {
            var plans = await AnsiConsole.Status().StartAsync("Reading vendor users…", _ => mediator.Send(new PlanSync(parse.GetValue(connector)), ct));
            foreach (var plan in plans)
            {
                var table = new Table().Title(Markup.Escape(plan.ConnectorId)).AddColumns("Action", "User", "Vendor id", "Differences");
                foreach (var change in plan.Changes.Where(c => c.Action != PlannedAction.Unchanged))
                {
                    table.AddRow(change.Action.ToString(), Markup.Escape(change.Name), Markup.Escape(change.VendorId ?? ""),
                        Markup.Escape(string.Join("; ", change.Differences.Select(d => $"{d.Field}: {d.Vendor?.ToJsonString() ?? "null"} → {d.Desired?.ToJsonString() ?? "null"}"))));
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"{plan.Changes.Count(c => c.Action == PlannedAction.Unchanged)} unchanged, {plan.UnknownAtVendor.Count} unknown at vendor.");
            }
            return 0;
        }));
        return command;
    }

    private static Command Push()
    {
        var connector = ConnectorOption(required: true);
        var user = new Option<Guid>("--user") { Description = "Core user id.", Required = true };
        var command = new Command("push", "Push one user to one connector now and show each step.") { connector, user };
        command.SetAction((parse, ct) => WithMediatorAsync(parse, ct, async mediator =>
        {
            var trace = await mediator.Send(new PushUserNow(parse.GetValue(connector)!, parse.GetValue(user)), ct);
            foreach (var step in trace.Steps)
            {
                AnsiConsole.MarkupLine($"{(step.Ok ? "[green]✓[/]" : "[red]✗[/]")} {Markup.Escape(step.Step)}: {Markup.Escape(step.Detail)}");
            }
            return trace.Succeeded ? 0 : 1;
        }));
        return command;
    }

    private static Command ReconcileVerb()
    {
        var connector = ConnectorOption(required: true);
        var repair = new Option<bool>("--repair") { Description = "Queue the jobs that fix the differences." };
        var confirm = new Option<bool>("--confirm-deletes") { Description = "Allow a repair that deletes more than the allowed share of vendor users." };
        var command = new Command("reconcile", "Compare vendor users with core users; optionally repair.") { connector, repair, confirm };
        command.SetAction((parse, ct) => WithMediatorAsync(parse, ct, async mediator =>
        {
            var report = await AnsiConsole.Status().StartAsync("Reconciling…", _ =>
                mediator.Send(new Reconcile(parse.GetValue(connector)!, parse.GetValue(repair), parse.GetValue(confirm)), ct));
            var table = new Table().AddColumns("Finding", "User / vendor key", "Vendor id", "Differences");
            foreach (var c in report.MissingAtVendor)
            {
                table.AddRow("missing at vendor", Markup.Escape(c.Name), "", "");
            }
            foreach (var c in report.Differing)
            {
                table.AddRow("differs", Markup.Escape(c.Name), Markup.Escape(c.VendorId ?? ""), Markup.Escape(string.Join("; ", c.Differences.Select(d => d.Field))));
            }
            foreach (var c in report.OrphansToDelete)
            {
                table.AddRow("[red]to delete[/]", Markup.Escape(c.Name), Markup.Escape(c.VendorId ?? ""), "");
            }
            foreach (var u in report.UnknownAtVendor)
            {
                table.AddRow("unknown at vendor", Markup.Escape(u.MatchKey), Markup.Escape(u.VendorId), "");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(report.Summary));
            return report.RequiresConfirmation ? 2 : 0;
        }));
        return command;
    }

    private static Command Retry()
    {
        var connector = ConnectorOption(required: false);
        var jobs = new Option<long[]>("--job") { Description = "Dead-letter job id (repeatable); all of --connector when omitted.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("retry", "Queue dead-letter jobs again.") { connector, jobs };
        command.SetAction((parse, ct) => WithMediatorAsync(parse, ct, async mediator =>
        {
            var count = await mediator.Send(new RetryDeadLetters(parse.GetValue(connector), parse.GetValue(jobs) ?? []), ct);
            AnsiConsole.MarkupLine($"Queued {count} job(s) again.");
            return 0;
        }));
        return command;
    }

    private static async Task<int> WithMediatorAsync(ParseResult parse, CancellationToken ct, Func<IMediator, Task<int>> run)
    {
        await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            return await run(scope.ServiceProvider.GetRequiredService<IMediator>());
        }
        catch (ValidationFailedException ex)
        {
            return CommandLine.Fail(string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException or ConnectorUnavailableException or Sdk.Gateway.VendorException)
        {
            return CommandLine.Fail(ex.Message);
        }
    }
}
