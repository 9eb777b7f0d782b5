using Microsoft.Data.Sqlite;

namespace ConnectorHost.Benchmarks;

/// <summary>
/// The baseline: an empty ASP.NET Core app with one endpoint, started the same way as the host. With
/// <c>--database</c> it also serves <c>GET /row/{id}</c>: one user row read by primary key with plain ADO.NET, the
/// floor for the host's GET of one user.
/// </summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var database = args.SkipWhile(a => a != "--database").Skip(1).FirstOrDefault();
        var builder = WebApplication.CreateBuilder(args.Where(a => a != "--database" && a != database).ToArray());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => "Healthy");
        if (database is not null)
        {
            app.MapGet("/row/{id:guid}", async (Guid id) =>
            {
                await using var connection = new SqliteConnection(database);
                await connection.OpenAsync();
                var command = connection.CreateCommand();
                command.CommandText = "SELECT \"Id\", \"Username\", \"FirstName\", \"LastName\", \"Email\", \"Extension\", \"Version\" FROM \"Users\" WHERE \"Id\" = $id";
                command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                await using var reader = await command.ExecuteReaderAsync();
                return await reader.ReadAsync()
                    ? Results.Ok(new { id = reader.GetString(0), username = reader.GetString(1), firstName = reader.GetString(2), lastName = reader.GetString(3), email = reader.IsDBNull(4) ? null : reader.GetString(4), extension = reader.IsDBNull(5) ? null : reader.GetString(5), version = reader.GetInt32(6) })
                    : Results.NotFound();
            });
        }
        await app.RunAsync();
        return 0;
    }
}
