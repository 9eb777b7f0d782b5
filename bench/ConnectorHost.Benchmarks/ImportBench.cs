using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Imports.ExportUsers;
using ConnectorHost.Core.Imports.GetImportJob;
using ConnectorHost.Core.Imports.StartImport;
using ConnectorHost.Testing;
using MediatR;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Benchmarks;

/// <summary>
/// Bulk import end to end (StartImport + the import runner, the path the API and `users import` take) into a fresh
/// migrated SQLite file, against a raw prepared-statement insert of the same rows into the same schema as the floor.
/// </summary>
internal static class ImportBench
{
    private const int Seed = 21;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;
        var directory = Path.Combine(Path.GetTempPath(), $"bench-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await using var vendor = await FakeDirectoryVendor.StartAsync();
        var pluginsFile = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, new JsonObject
        {
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["id"] = "sample",
                ["path"] = Path.Combine(StartupBench.RepoRoot(), "artifacts", "plugins", "TestPlugins.Sample", "TestPlugins.Sample.dll"),
                ["settings"] = new JsonObject { ["vendorUrl"] = vendor.BaseAddress.ToString(), ["apiKey"] = FakeDirectoryVendor.ApiKey },
            }),
        }.ToJsonString());

        var people = People(rows);
        var plainCsv = Path.Combine(directory, "plain.csv");
        var connectorCsv = Path.Combine(directory, "connector.csv");
        await WriteCsvAsync(plainCsv, people, withConnector: false);
        await WriteCsvAsync(connectorCsv, people, withConnector: true);

        var plain = await ImportAsync(directory, "plain", pluginsFile, plainCsv, exportAfter: false);
        var connector = await ImportAsync(directory, "connector", pluginsFile, connectorCsv, exportAfter: true);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var raw = await RawInsertAsync(directory, pluginsFile, people);

        var importRate = rows / plain.Import.TotalSeconds;
        var rawRate = rows / raw.TotalSeconds;
        var connectorRate = rows / connector.Import.TotalSeconds;
        Console.WriteLine($"import: {rows:N0} users (Bogus seed {Seed}), core CSV, mode {ImportMode.Skip}, fresh SQLite file each, sample connector loaded");
        Console.WriteLine($"  raw prepared INSERT, one transaction   {rawRate,10:0} rows/s  ({raw.TotalSeconds:0.00} s)");
        Console.WriteLine($"  import, core columns only              {importRate,10:0} rows/s  ({plain.Import.TotalSeconds:0.00} s, {plain.Created:N0} created, {plain.Skipped:N0} skipped)");
        Console.WriteLine($"  import, with sample.* columns          {connectorRate,10:0} rows/s  ({connector.Import.TotalSeconds:0.00} s, {connector.Created:N0} created, {connector.Skipped:N0} skipped)");
        Console.WriteLine($"  export, core format (with sample.*)    {rows / connector.Export.TotalSeconds,10:0} rows/s  ({connector.Export.TotalSeconds:0.00} s, {connector.Exported:N0} rows)");
        Console.WriteLine($"  ratio import/raw: {importRate / rawRate:0.00}  (target >= 0.33)");
        Console.WriteLine($"  ratio with/without connector columns: {connectorRate / importRate:0.00}");
        Console.WriteLine($"  peak working set: {peak / (1024.0 * 1024.0):0} MiB");
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return plain.Skipped == 0 && connector.Skipped == 0 ? 0 : 1;
    }

    private sealed record Person(string Username, string FirstName, string LastName, string Email, bool Enabled, string Badge, string Team);

    private sealed record Run(TimeSpan Import, int Created, int Skipped, TimeSpan Export, int Exported);

    private static List<Person> People(int rows)
    {
        Randomizer.Seed = new Random(Seed);
        var faker = new Faker("en");
        var people = new List<Person>(rows);
        for (var i = 0; i < rows; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            // The index keeps usernames and badges unique however often Bogus repeats a name.
            people.Add(new Person($"{faker.Internet.UserName(first, last).ToLowerInvariant()}.{i}", first, last,
                faker.Internet.Email(first, last, provider: $"u{i}.example.com"), faker.Random.Bool(0.95f),
                (100000 + i % 900000).ToString(CultureInfo.InvariantCulture), faker.PickRandom("red", "blue")));
        }
        return people;
    }

    private static async Task WriteCsvAsync(string path, List<Person> people, bool withConnector)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("username,firstName,lastName,email,enabled" + (withConnector ? ",sample.badge,sample.team" : ""));
        foreach (var p in people)
        {
            await writer.WriteLineAsync($"{p.Username},{p.FirstName},{p.LastName},{p.Email},{(p.Enabled ? "true" : "false")}"
                + (withConnector ? $",{p.Badge},{p.Team}" : ""));
        }
    }

    private static Task<WebApplication> StartAsync(string database, string pluginsFile) => HostApp.CreateAsync(new HostAppOptions
    {
        ConnectionString = $"Data Source={database}",
        PluginsFile = pluginsFile,
        RunSyncWorker = false,
        ConfigureLogging = l => l.ClearProviders(),
    });

    private static async Task<Run> ImportAsync(string directory, string name, string pluginsFile, string csv, bool exportAfter)
    {
        await using var app = await StartAsync(Path.Combine(directory, $"{name}.db"), pluginsFile);
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var watch = Stopwatch.StartNew();
        var job = await mediator.Send(new StartImport(Guid.NewGuid(), Path.GetFileName(csv), csv, ImportMode.Skip, false, null));
        await scope.ServiceProvider.GetRequiredService<IImportRunner>().RunAsync(job.Id, resume: false, CancellationToken.None);
        watch.Stop();
        var result = await mediator.Send(new GetImportJob(job.Id));
        var export = TimeSpan.Zero;
        var exported = 0;
        if (exportAfter)
        {
            await using var output = File.Create(Path.Combine(directory, "export.csv"));
            var exportWatch = Stopwatch.StartNew();
            exported = await mediator.Send(new ExportUsers(null, output));
            export = exportWatch.Elapsed;
        }
        return new Run(watch.Elapsed, result.Created, result.Skipped, export, exported);
    }

    /// <summary>The floor: the same rows straight into the Users table of a database migrated like the host's.</summary>
    private static async Task<TimeSpan> RawInsertAsync(string directory, string pluginsFile, List<Person> people)
    {
        var database = Path.Combine(directory, "raw.db");
        await (await StartAsync(database, pluginsFile)).DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Users (Id, Username, NormalizedUsername, FirstName, LastName, DisplayName, Email, PhoneNumbers, Extension,
                               Language, TimeZone, Enabled, Attributes, Version, CreatedAt, UpdatedAt)
            VALUES ($id, $username, $normalized, $first, $last, $display, $email, '[]', NULL, NULL, NULL, $enabled, '{}', 1, $now, $now)
            """;
        var parameters = new[] { "$id", "$username", "$normalized", "$first", "$last", "$display", "$email", "$enabled", "$now" }
            .Select(p => insert.Parameters.Add(p, SqliteType.Text)).ToArray();
        await insert.PrepareAsync();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        foreach (var p in people)
        {
            parameters[0].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            parameters[1].Value = p.Username;
            parameters[2].Value = p.Username.ToLowerInvariant();
            parameters[3].Value = p.FirstName;
            parameters[4].Value = p.LastName;
            parameters[5].Value = $"{p.FirstName} {p.LastName}";
            parameters[6].Value = p.Email;
            parameters[7].Value = p.Enabled ? 1 : 0;
            parameters[8].Value = now;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return watch.Elapsed;
    }
}
