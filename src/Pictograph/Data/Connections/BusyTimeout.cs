using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Pictograph.Data.Connections;

/// <summary>
/// Makes a writer that finds the database locked wait inside SQLite, which retries within a few milliseconds,
/// rather than in Microsoft.Data.Sqlite's own retry loop, which sleeps far longer between attempts: under 32
/// concurrent token exchanges (a write each) that loop put the p99 at 880 ms.
/// </summary>
public sealed class BusyTimeout : DbConnectionInterceptor
{
    /// <summary>As long as a command may run (Microsoft.Data.Sqlite's default command timeout).</summary>
    private const int Milliseconds = 30_000;

    /// <summary>Sets the wait on an open connection: a call into SQLite, not a statement, so it is cheap on every open.</summary>
    public static void Apply(SqliteConnection connection) => raw.sqlite3_busy_timeout(connection.Handle, Milliseconds);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            Apply(sqlite);
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}
