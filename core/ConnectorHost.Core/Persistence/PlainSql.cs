using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// Plain SQL reads on the context's connection (and its transaction, if any): probes on the host's start path, where EF
/// Core's first-use query compilation would cost far more than the query itself, and reads of tables outside the EF
/// model (the settings lookup).
/// </summary>
internal static class PlainSql
{
    /// <summary>Runs the command <paramref name="prepare"/> writes and hands its first row to <paramref name="read"/>.</summary>
    public static async Task<T> ReadRowAsync<T>(HostDbContext db, Action<DbCommand> prepare, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(db, prepare, read, cancellationToken);
        return rows.Count > 0 ? rows[0] : throw new InvalidOperationException("The probe query returned no row.");
    }

    /// <summary>Runs the command <paramref name="prepare"/> writes and hands every row to <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadRowsAsync<T>(HostDbContext db, Action<DbCommand> prepare, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            prepare(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Adds a positional parameter and returns its name for the SQL text.</summary>
    public static string AddParameter(DbCommand command, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"$p{command.Parameters.Count}";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
