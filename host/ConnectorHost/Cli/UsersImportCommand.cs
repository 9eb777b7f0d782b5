using System.CommandLine;
using ConnectorHost.Core;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Imports.GetImportJob;
using ConnectorHost.Core.Imports.ImportReport;
using ConnectorHost.Core.Imports.StartImport;
using ConnectorHost.Imports;
using MediatR;
using Spectre.Console;

namespace ConnectorHost.Cli;

/// <summary>
/// `users import FILE --mode fail|skip|overwrite [--dry-run] [--format NAME]`: the same job as POST /api/imports, run in
/// this process with a progress bar, a summary table and the row report written next to the file.
/// </summary>
internal static class UsersImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The user file (CSV in the core format, or a connector's format with --format)." };
        var mode = new Option<string>("--mode") { Description = "fail (all or nothing), skip (good rows in, bad rows reported) or overwrite (update users matched by username).", DefaultValueFactory = _ => ImportMode.Fail };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be created, updated, unchanged and skipped; write nothing." };
        var format = new Option<string?>("--format") { Description = "A connector's user file format (see the connector's page); default: the core CSV format." };
        var command = new Command("import", "Import users from a file.") { file, mode, dryRun, format };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CommandLine.Fail($"File '{path.FullName}' does not exist.");
            }
            await using var app = await HostApp.CreateAsync(CommandLine.HostOptions(parse, quiet: true), ct);
            await using var scope = app.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            // Held until this process ends, so a server started meanwhile does not resume this job as its own.
            var jobId = Guid.NewGuid();
            await using var jobLock = ImportJobLock.TryTake(scope.ServiceProvider.GetRequiredService<ImportFiles>(), jobId);
            ImportJobDto job;
            try
            {
                job = await mediator.Send(new StartImport(jobId, path.Name, path.FullName, (parse.GetValue(mode) ?? ImportMode.Fail).Trim().ToLowerInvariant(),
                    parse.GetValue(dryRun), parse.GetValue(format)), ct);
            }
            catch (ValidationFailedException ex)
            {
                jobLock?.JobEnded();
                return CommandLine.Fail(string.Join("; ", ex.Errors.Select(e => e.Field == "file" ? e.Message : $"--{e.Field}: {e.Message}")));
            }

            await RunWithProgressAsync(scope.ServiceProvider, job.Id, path.Name, ct);
            jobLock?.JobEnded();
            var result = await mediator.Send(new GetImportJob(job.Id), ct);
            PrintSummary(result);
            if (result.Skipped > 0)
            {
                var reportPath = Path.Combine(path.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(path.Name) + ".errors.csv");
                await using (var report = File.Create(reportPath))
                {
                    await mediator.Send(new WriteImportReport(job.Id, report), ct);
                }
                AnsiConsole.MarkupLine($"Row errors: [yellow]{Markup.Escape(reportPath)}[/]");
            }
            if (result.Message is { } message)
            {
                AnsiConsole.MarkupLine(Markup.Escape(message));
            }
            return result.State == Core.Domain.ImportJobStates.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static async Task RunWithProgressAsync(IServiceProvider services, Guid jobId, string name, CancellationToken ct)
    {
        var runner = services.GetRequiredService<IImportRunner>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: 1);
                var last = 0L;
                runner.OnProgress = counters =>
                {
                    var now = Environment.TickCount64;
                    if (now - last < 200 && counters.RowsDone != counters.RowsTotal)
                    {
                        return;
                    }
                    last = now;
                    var seconds = counters.Watch.Elapsed.TotalSeconds;
                    task.MaxValue = Math.Max(1, counters.RowsTotal ?? 1);
                    task.Value = counters.RowsDone;
                    task.Description = $"{Markup.Escape(name)} {counters.RowsDone:N0}/{counters.RowsTotal:N0} rows, {(seconds > 0 ? counters.RowsDone / seconds : 0):N0} rows/s";
                };
                await runner.RunAsync(jobId, resume: false, ct);
                task.Value = task.MaxValue;
            });
    }

    private static void PrintSummary(ImportJobDto job)
    {
        var table = new Table().AddColumns("State", "Mode", "Rows", "Created", "Updated", "Unchanged", "Skipped (errors)", "Rows/s");
        table.AddRow(job.State == Core.Domain.ImportJobStates.Succeeded ? $"[green]{job.State}[/]" : $"[red]{job.State}[/]",
            job.DryRun ? $"{job.Mode} (dry run)" : job.Mode, $"{job.RowsDone:N0}", $"{job.Created:N0}", $"{job.Updated:N0}", $"{job.Unchanged:N0}",
            job.Skipped > 0 ? $"[yellow]{job.Skipped:N0}[/]" : "0", $"{job.RowsPerSecond:N0}");
        AnsiConsole.Write(table);
    }
}
