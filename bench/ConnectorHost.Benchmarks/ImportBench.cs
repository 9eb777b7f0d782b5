using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using ConnectorHost.Core.Imports;
using ConnectorHost.Core.Imports.ExportUsers;
using ConnectorHost.Core.Imports.GetImportJob;
using ConnectorHost.Core.Imports.StartImport;
using MediatR;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Benchmarks;

/// <summary>
/// Bulk import end to end (StartImport + the import runner, the path the API and `users import` take) into a fresh
/// migrated SQLite file, against a raw prepared-statement insert of the same rows into the same schema as the floor;
/// then the cost of connector columns (two shipped connectors) and the export rate.
/// </summary>
internal static class ImportBench
{
    private const int Seed = 21;

    // The connector comparison's file size unless "--connector-rows N" says otherwise. Since the connectors check
    // uniqueness through the indexed IDirectoryReader.FindUsersBySettingAsync it is linear (it was O(rows²), and 500 rows).
    private const int DefaultConnectorRows = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;
        var connectorRows = Option(args, "--connector-rows") ?? Math.Min(rows, DefaultConnectorRows);
        var directory = Path.Combine(Path.GetTempPath(), $"bench-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var pluginsFile = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, PluginsJson());

        var coreCsv = await WriteCsvAsync(directory, "core", rows, "", _ => "");
        var smallCsv = await WriteCsvAsync(directory, "core-small", connectorRows, "", _ => "");
        var pbxCsv = await WriteCsvAsync(directory, "hosted-pbx", connectorRows, ",hosted-pbx.extension,hosted-pbx.licenseType",
            i => $",{1000 + i},Voice");
        // Connectel assigns each row the first free internal number and a login (firstname.lastname, made free): the two
        // rules that need the values in use. (CommPeak's roles come from its API, which the bench does not fake.)
        var connectelCsv = await WriteCsvAsync(directory, "connectel", connectorRows, ",connectel.role,connectel.password",
            _ => ",Admin,Start-Pass1!");

        var workingSetBefore = WorkingSetMiB();
        var core = await ImportAsync(directory, "core", pluginsFile, coreCsv, exportAfter: true);
        var raw = await RawInsertAsync(directory, pluginsFile, rows);
        // "--core-only" skips the connector comparison (for profiling the batch path).
        var coreOnly = args.Contains("--core-only");
        var small = coreOnly ? core : await ImportAsync(directory, "core-small", pluginsFile, smallCsv, exportAfter: false);
        var pbx = coreOnly ? core : await ImportAsync(directory, "hosted-pbx", pluginsFile, pbxCsv, exportAfter: false);
        var connectel = coreOnly ? core : await ImportAsync(directory, "connectel", pluginsFile, connectelCsv, exportAfter: false);

        var importRate = rows / core.Import.TotalSeconds;
        var rawRate = rows / raw.TotalSeconds;
        var smallRate = connectorRows / small.Import.TotalSeconds;
        Console.WriteLine($"import: {rows:N0} users (Bogus seed {Seed}), core CSV, mode {ImportMode.Skip}, fresh SQLite file each, hosted-pbx and connectel loaded");
        Console.WriteLine($"  load average at start: {LoadAverage()}");
        Console.WriteLine($"  raw prepared INSERT, one transaction   {rawRate,10:0} rows/s  ({raw.TotalSeconds:0.00} s)");
        Console.WriteLine($"  import, core columns only              {importRate,10:0} rows/s  ({core.Import.TotalSeconds:0.00} s, {core.Created:N0} created, {core.Skipped:N0} skipped)");
        Console.WriteLine($"  ratio import/raw: {importRate / rawRate:0.00}  (target >= 0.33)");
        Console.WriteLine($"  working set: {workingSetBefore:0} MiB before the import, peak {core.PeakWorkingSetMiB:0} MiB during it");
        Console.WriteLine($"  export, core format                    {core.Exported / core.Export.TotalSeconds,10:0} rows/s  ({core.Export.TotalSeconds:0.00} s, {core.Exported:N0} rows)");
        Console.WriteLine($"connector columns: {connectorRows:N0} users each, fresh SQLite file each");
        Console.WriteLine($"  import, core columns only              {smallRate,10:0} rows/s  ({small.Import.TotalSeconds:0.00} s, {small.Skipped:N0} skipped)");
        foreach (var (name, run) in new[] { ("hosted-pbx.extension, licenseType", pbx), ("connectel.role, password (number and login assigned)", connectel) })
        {
            var rate = connectorRows / run.Import.TotalSeconds;
            Console.WriteLine($"  import with {name,-45} {rate,10:0} rows/s  ({run.Import.TotalSeconds:0.00} s, {run.Skipped:N0} skipped)  ratio with/without: {rate / smallRate:0.00}");
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return core.Skipped + small.Skipped + pbx.Skipped + connectel.Skipped == 0 ? 0 : 1;
    }

    private static int? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
            && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;

    private sealed record Run(TimeSpan Import, int Created, int Skipped, double PeakWorkingSetMiB, TimeSpan Export, int Exported);

    private static string PluginsJson()
    {
        var root = StartupBench.RepoRoot();
        // Vendor addresses nobody listens on: the bench runs no sync worker, so no vendor is called.
        return new JsonObject
        {
            ["plugins"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "hosted-pbx",
                    ["path"] = Path.Combine(root, "artifacts", "plugins", "HostedPbx", "HostedPbx.dll"),
                    ["settings"] = new JsonObject
                    {
                        ["baseUrl"] = "http://127.0.0.1:9/", ["apiKey"] = "bench", ["provisioningServer"] = "sip.pbx.localhost",
                        ["numberInventory"] = new JsonArray("+493012345670"), ["dialByNameMatch"] = "lastName", ["defaultRegion"] = "DE",
                    },
                },
                new JsonObject
                {
                    ["id"] = "connectel",
                    ["path"] = Path.Combine(root, "artifacts", "plugins", "Connectel", "Connectel.dll"),
                    ["settings"] = new JsonObject
                    {
                        ["baseUrl"] = "http://127.0.0.1:9/", ["authMethod"] = "apikey", ["apiKey"] = "bench", ["securitySuite"] = false,
                        ["internalNumberFrom"] = 10000, ["internalNumberTo"] = 99999,
                    },
                }),
        }.ToJsonString();
    }

    private sealed record Person(string Username, string FirstName, string LastName, string Email, bool Enabled);

    /// <summary>The same users every time (seeded), generated as they are written: the bench holds no list of them.</summary>
    private static IEnumerable<Person> People(int rows)
    {
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        for (var i = 0; i < rows; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            // The index keeps usernames unique however often Bogus repeats a name.
            yield return new Person($"{faker.Internet.UserName(first, last).ToLowerInvariant()}.{i}", first, last,
                faker.Internet.Email(first, last, provider: $"u{i}.example.com"), faker.Random.Bool(0.95f));
        }
    }

    private static async Task<string> WriteCsvAsync(string directory, string name, int rows, string extraHeader, Func<int, string> extraCells)
    {
        var path = Path.Combine(directory, $"{name}.csv");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("username,firstName,lastName,email,enabled" + extraHeader);
        var i = 0;
        foreach (var p in People(rows))
        {
            await writer.WriteLineAsync($"{p.Username},{p.FirstName},{p.LastName},{p.Email},{(p.Enabled ? "true" : "false")}{extraCells(i++)}");
        }
        return path;
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
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);
        var watch = Stopwatch.StartNew();
        var job = await mediator.Send(new StartImport(Guid.NewGuid(), Path.GetFileName(csv), csv, ImportMode.Skip, false, null));
        await scope.ServiceProvider.GetRequiredService<IImportRunner>().RunAsync(job.Id, resume: false, CancellationToken.None);
        watch.Stop();
        await sampling.CancelAsync();
        var peakMiB = await peak;
        var result = await mediator.Send(new GetImportJob(job.Id));
        var export = TimeSpan.Zero;
        var exported = 0;
        if (exportAfter)
        {
            await using var output = File.Create(Path.Combine(directory, $"{name}-export.csv"));
            var exportWatch = Stopwatch.StartNew();
            exported = await mediator.Send(new ExportUsers(null, output));
            export = exportWatch.Elapsed;
        }
        return new Run(watch.Elapsed, result.Created, result.Skipped, peakMiB, export, exported);
    }

    /// <summary>The highest working set seen while the import runs (sampled every 100 ms).</summary>
    private static async Task<double> SamplePeakAsync(CancellationToken cancellationToken)
    {
        var peak = WorkingSetMiB();
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, WorkingSetMiB());
            await Task.Delay(100, CancellationToken.None);
        }
        return Math.Max(peak, WorkingSetMiB());
    }

    private static double WorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The floor: the same rows straight into the Users table of a database migrated like the host's.</summary>
    private static async Task<TimeSpan> RawInsertAsync(string directory, string pluginsFile, int rows)
    {
        var database = Path.Combine(directory, "raw.db");
        await (await StartAsync(database, pluginsFile)).DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
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
        // Generated before the clock starts (after the import's working set was sampled), so the floor is only the inserts.
        var people = People(rows).ToList();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
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
