using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// Turns on SQLite's <c>secure_delete=FAST</c> for every connection: content a write replaces or deletes (an erased
/// write-only secret, a deleted user's settings) is zeroed in its b-tree page instead of lingering in free space.
/// FAST costs CPU only, no extra I/O.
/// </summary>
internal sealed class SecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SecureDeleteInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=FAST;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=FAST;";
        command.ExecuteNonQuery();
    }
}
