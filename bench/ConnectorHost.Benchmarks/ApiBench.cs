using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace ConnectorHost.Benchmarks;

/// <summary>
/// The host's API under 8 concurrent clients, as a child process on a database seeded with 100,000 users: search
/// (username, name, e-mail, extension) beside a plain indexed lookup (GET one user by id), GET one user beside a bare
/// ASP.NET endpoint reading the same row with plain ADO.NET, and creates with their p99.
/// </summary>
internal static class ApiBench
{
    private const int Users = 100_000;
    private const int Clients = 8;
    private const int RequestsPerClient = 150;

    private static readonly string[] FirstNames = ["Jürgen", "Anna", "Kim", "Ola", "Zoë", "Peter", "Maria", "Jan", "Ines", "Tom", "Gina", "Chloé", "Björn", "Eva", "Luca", "Nils"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun"];

    public static async Task<int> RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bench-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var database = $"Data Source={Path.Combine(directory, "api.db")}";
        var plugins = Path.Combine(directory, "plugins.json");
        await File.WriteAllTextAsync(plugins, """{"plugins":[]}""");
        var hostDll = Path.Combine(AppContext.BaseDirectory, "connectorhost.dll");
        var self = Path.Combine(AppContext.BaseDirectory, "ConnectorHost.Benchmarks.dll");
        string[] serve = ["serve", "--database", database, "--plugins", plugins];

        // First start migrates the new database; then 100k users go in with raw SQL (the triggers index them).
        await (await ServerProcess.StartAsync(hostDll, serve)).DisposeAsync();
        var seed = Stopwatch.StartNew();
        var ids = await SeedAsync(database);
        seed.Stop();
        var random = new Random(17);
        Console.WriteLine($"api: {Users:N0} users seeded in {seed.Elapsed.TotalSeconds:0.0} s; {Clients} concurrent clients, {RequestsPerClient} requests each per figure");

        await using (var host = await ServerProcess.StartAsync(hostDll, serve))
        await using (var bare = await ServerProcess.StartAsync(self, ["bare-server", "--database", database]))
        {
            using var client = host.AuthorizedClient();
            using var bareClient = new HttpClient { BaseAddress = bare.BaseAddress };
            // Warm both (JIT, EF query cache, connection pool) before measuring.
            await RunAsync(client, 20, _ => $"/api/users?search=schmidt&pageSize=20");
            await RunAsync(client, 20, _ => $"/api/users/{ids[random.Next(ids.Count)]}");
            await RunAsync(bareClient, 20, _ => $"/row/{ids[random.Next(ids.Count)]}");

            var terms = SearchTerms(random);
            var search = await RunAsync(client, RequestsPerClient, i => $"/api/users?search={Uri.EscapeDataString(terms[i % terms.Count])}&pageSize=20");
            var lookup = await RunAsync(client, RequestsPerClient, _ => $"/api/users/{ids[random.Next(ids.Count)]}");
            var row = await RunAsync(bareClient, RequestsPerClient, _ => $"/row/{ids[random.Next(ids.Count)]}");
            var creates = await MeasureAsync(RequestsPerClient / 3, i => client.PostAsJsonAsync("/api/users", new { username = $"new{Guid.NewGuid():N}"[..20], firstName = "New", lastName = $"User{i}", email = $"new{i}@bench.example" }));

            // Server CPU per request, one client at a time: the part of the cost that is the host's own, which the figures
            // under 8 clients mix with whatever else the machine runs.
            var lookupCpu = await CpuPerRequestAsync(host, client, 2000, _ => $"/api/users/{ids[random.Next(ids.Count)]}");
            var rowCpu = await CpuPerRequestAsync(bare, bareClient, 2000, _ => $"/row/{ids[random.Next(ids.Count)]}");

            Print("search (username/name/e-mail/extension)", search);
            Print("GET one user (indexed lookup by id)", lookup);
            Print("bare endpoint reading one row", row);
            Print("create user", creates);
            Console.WriteLine($"  ratio search p50/lookup p50           {search.P50 / lookup.P50:0.00}x");
            Console.WriteLine($"  ratio GET one user/bare row (req/s)   {lookup.PerSecond / row.PerSecond:0.00}x");
            Console.WriteLine($"  server CPU per request, 1 client: GET one user {lookupCpu:0.000} ms, bare row {rowCpu:0.000} ms, ratio bare/GET {rowCpu / lookupCpu:0.00}x");
        }

        var before = await LikeSearchAsync(database, SearchTerms(random).Take(40).ToList());
        Console.WriteLine($"  before (LIKE '%term%' over six columns, count + page, 1 client): p50 {before.P50,7:0.0} ms  p99 {before.P99,7:0.0} ms");
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static List<string> SearchTerms(Random random)
    {
        var terms = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var n = random.Next(Users);
            terms.Add((i % 4) switch
            {
                0 => LastNames[n % LastNames.Length].ToLowerInvariant().Replace('ü', 'u').Replace('ö', 'o'),
                1 => $"user{n:D6}"[..9],
                2 => $"{n:D6}@",
                _ => $"{20000 + n}"[..4],
            });
        }
        return terms;
    }

    private static async Task<List<Guid>> SeedAsync(string database)
    {
        var ids = new List<Guid>(Users);
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "Users" ("Id", "Username", "NormalizedUsername", "FirstName", "LastName", "DisplayName", "Email", "PhoneNumbers", "Extension", "Enabled", "Attributes", "Version", "CreatedAt", "UpdatedAt")
            VALUES ($id, $username, $normalized, $first, $last, $display, $email, '[]', $extension, 1, '{}', 1, $now, $now)
            """;
        var parameters = new[] { "$id", "$username", "$normalized", "$first", "$last", "$display", "$email", "$extension", "$now" }
            .ToDictionary(n => n, n => command.Parameters.Add(n, SqliteType.Text));
        parameters["$now"].Value = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
        for (var i = 0; i < Users; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length) % LastNames.Length];
            parameters["$id"].Value = id.ToString().ToUpperInvariant();
            parameters["$username"].Value = $"user{i:D6}";
            parameters["$normalized"].Value = $"USER{i:D6}";
            parameters["$first"].Value = first;
            parameters["$last"].Value = last;
            parameters["$display"].Value = $"{first} {last}";
            parameters["$email"].Value = $"u{i:D6}@corp.example";
            parameters["$extension"].Value = $"{20000 + i}";
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return ids;
    }

    private static async Task<double> CpuPerRequestAsync(ServerProcess server, HttpClient client, int requests, Func<int, string> path)
    {
        var before = server.CpuTime;
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.GetAsync(path(i));
            await response.Content.LoadIntoBufferAsync();
        }
        return (server.CpuTime - before).TotalMilliseconds / requests;
    }

    private sealed record Figures(double P50, double P99, double PerSecond, int Failures);

    private static Task<Figures> RunAsync(HttpClient client, int perClient, Func<int, string> path) =>
        MeasureAsync(perClient, i => client.GetAsync(path(i)));

    private static async Task<Figures> MeasureAsync(int perClient, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new List<double>();
        var failures = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perClient; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send((c * perClient) + i);
                await response.Content.LoadIntoBufferAsync();
                watch.Stop();
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    failures += response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created ? 0 : 1;
                }
            }
        })));
        total.Stop();
        return Summarise(latencies, total.Elapsed, failures);
    }

    private static Figures Summarise(List<double> latencies, TimeSpan elapsed, int failures)
    {
        var sorted = latencies.Order().ToList();
        return new Figures(Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Count / elapsed.TotalSeconds, failures);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void Print(string what, Figures f) =>
        Console.WriteLine($"  {what,-40} p50 {f.P50,7:0.0} ms  p99 {f.P99,7:0.0} ms  {f.PerSecond,7:0} req/s{(f.Failures > 0 ? $"  ({f.Failures} failed)" : "")}");

    /// <summary>The query search ran before the full-text index, straight on SQLite: count and first page.</summary>
    private static async Task<Figures> LikeSearchAsync(string database, List<string> terms)
    {
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (var term in terms)
        {
            var watch = Stopwatch.StartNew();
            foreach (var sql in new[] { "SELECT COUNT(*) FROM \"Users\" WHERE {0}", "SELECT * FROM \"Users\" WHERE {0} ORDER BY \"NormalizedUsername\" LIMIT 20" })
            {
                var command = connection.CreateCommand();
                command.CommandText = string.Format(sql, "\"NormalizedUsername\" LIKE $p ESCAPE '\\' OR upper(\"FirstName\") LIKE $p ESCAPE '\\' OR upper(\"LastName\") LIKE $p ESCAPE '\\' OR upper(\"DisplayName\") LIKE $p ESCAPE '\\' OR upper(\"Email\") LIKE $p ESCAPE '\\' OR \"Extension\" LIKE $p ESCAPE '\\'");
                command.Parameters.AddWithValue("$p", "%" + term.ToUpperInvariant() + "%");
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Summarise(latencies, total.Elapsed, 0);
    }
}
