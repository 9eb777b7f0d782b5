using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// Turns on SQLite's <c>secure_delete=FAST</c> for every connection: content a write replaces or deletes (an erased
/// write-only secret, a deleted user's settings) is zeroed in its b-tree page instead of lingering in free space.
/// FAST costs CPU only, no extra I/O. The pragma belongs to the native connection, which the pool keeps open across
/// <c>Open</c>/<c>Close</c>, so it runs once per native connection, not once per EF query.
/// </summary>
internal sealed class SecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SecureDeleteInterceptor Instance { get; } = new();

    private static readonly ConditionalWeakTable<object, object> Applied = [];
    private static readonly object Marker = new();
    private const string Pragma = "PRAGMA secure_delete=FAST;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragma(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            MarkApplied(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragma(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkApplied(connection);
        }
    }

    private static bool NeedsPragma(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Applied.TryGetValue(handle, out _);

    private static void MarkApplied(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Applied.AddOrUpdate(handle, Marker);
        }
    }
}
