using System.CommandLine;
using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace ConnectorHost.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create or upgrade the database to the latest schema.");
        migrate.SetAction(async (parse, ct) =>
        {
            var connectionString = parse.GetValue(CommandLine.Database)
                ?? new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddEnvironmentVariables().Build()
                    .GetConnectionString("ConnectorHost")
                ?? Database.DefaultConnectionString;
            try
            {
                await using var db = new HostDbContext(new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite(connectionString).Options);
                var applied = await Database.MigrateAsync(db, ct);
                AnsiConsole.MarkupLine(applied.Count == 0
                    ? "Database is up to date."
                    : $"Applied {applied.Count} migration(s): {Markup.Escape(string.Join(", ", applied))}");
                return 0;
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                return CommandLine.Fail($"could not migrate the database: {ex.Message}");
            }
        });
        return migrate;
    }
}
