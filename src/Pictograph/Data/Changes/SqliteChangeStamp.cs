using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pictograph.Data.Connections;
using Pictograph.Hosting;

namespace Pictograph.Data.Changes;

/// <summary>
/// SQLite's own change counter: <c>PRAGMA data_version</c> on a connection of its own, which never writes. SQLite
/// gives that connection a new value whenever another connection, of this process or any other, has committed
/// since its last read, and the pragma is a read of the database header (or of the WAL index), not of any table.
/// An in-memory database, or one that cannot be opened, has no stamp.
/// </summary>
public sealed class SqliteChangeStamp(IOptions<PictographOptions> options) : IChangeStamp, IDisposable
{
    private readonly Lock _reading = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _pragma;
    private bool _unavailable;
    // Each connection counts from its own start: the stamp carries which connection it came from.
    private long _connections;

    public ValueTask<ChangeStamp?> ReadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Read());

    /// <summary>The stamp now; a prepared statement re-run under a lock, a few microseconds.</summary>
    public ChangeStamp? Read()
    {
        lock (_reading)
        {
            if (_unavailable || (_pragma ??= Open()) is not { } pragma)
            {
                return null;
            }

            try
            {
                return new ChangeStamp((_connections << 40) + (long)pragma.ExecuteScalar()!);
            }
            catch (SqliteException)
            {
                // Without a stamp nothing is kept: slower, never stale, and never a failed request.
                Close();
                return null;
            }
        }
    }

    private SqliteCommand? Open()
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.DatabaseConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            _unavailable = true;
            return null;
        }

        try
        {
            _connections++;
            _connection = new SqliteConnection(builder.ConnectionString);
            _connection.Open();
            BusyTimeout.Apply(_connection);
            var pragma = _connection.CreateCommand();
            pragma.CommandText = "PRAGMA data_version";
            pragma.Prepare();
            return pragma;
        }
        catch (SqliteException)
        {
            Close();
            _unavailable = true;
            return null;
        }
    }

    private void Close()
    {
        _pragma?.Dispose();
        _pragma = null;
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose()
    {
        lock (_reading)
        {
            Close();
            _unavailable = true;
        }
    }
}
