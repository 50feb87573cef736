using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Data.Connections;

/// <summary>
/// The open connections request scopes borrow: a scope's <see cref="PictographDb"/> runs on one of them, so a
/// request neither opens a connection nor prepares a statement it has run before. Idle connections are
/// kept up to a bound; any beyond it close when returned.
/// </summary>
public sealed class ConnectionLeases(IOptions<PictographOptions> options, SqliteSessionSettings settings, SqliteWriteTurns turns, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private readonly PreparedStatements _interceptor = new();
    // About as many requests as a node has in flight at once; each idle connection may hold up to
    // SQLite's default 2 MB page cache, so the bound is also a memory bound.
    private const int MaxIdle = 32;

    private int _idleCount;
    private bool _disposed;

    public PreparedConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new PreparedConnection(options.Value.DatabaseConnectionString, _interceptor, settings, turns, loggerFactory);
    }

    public void Return(PreparedConnection connection)
    {
        if (!_disposed && connection.TryReset())
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(connection);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}

/// <summary>A request scope's borrowed connection, given back when the scope ends.</summary>
public sealed class ConnectionLease(ConnectionLeases leases) : IDisposable
{
    public PreparedConnection Connection { get; } = leases.Rent();

    public PictographDb Db => Connection.Db;

    public void Dispose() => leases.Return(Connection);
}
