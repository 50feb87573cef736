using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pictograph.Data.Connections;

/// <summary>
/// Runs EF Core's SELECTs on a <see cref="PreparedConnection"/>'s kept statements instead of preparing them
/// again; EF Core still builds, logs and materializes as usual (its own command is simply not executed).
/// Writes, and commands on any other connection, run unchanged.
/// </summary>
public sealed class PreparedStatements : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<DbConnection, PreparedConnection> _connections = new();

    public void Track(PreparedConnection connection) => _connections[connection.Connection] = connection;

    public void Forget(PreparedConnection connection) => _connections.TryRemove(connection.Connection, out _);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        TryRun(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryRun(command, result));

    private InterceptionResult<DbDataReader> TryRun(DbCommand command, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult
            || command.Connection is not { } connection
            || !_connections.TryGetValue(connection, out var prepared)
            || !command.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
        {
            return result;
        }

        // SQLite runs in-process: the reader's first step happens here either way, so there is nothing to await.
        return prepared.ExecuteReader(command) is { } reader
            ? InterceptionResult<DbDataReader>.SuppressWithResult(reader)
            : result;
    }
}
