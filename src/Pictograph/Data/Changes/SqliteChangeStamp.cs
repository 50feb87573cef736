using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pictograph.Data.Connections;
using Pictograph.Hosting;
using SQLitePCL;

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
    private sqlite3_stmt? _pragma;
    private bool _unavailable;
    // Each connection counts from its own start: the stamp carries which connection it came from.
    private long _connections;

    public ValueTask<ChangeStamp?> ReadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Read());

    /// <summary>
    /// The stamp now: SQLite's prepared statement stepped and reset under a lock, without Microsoft.Data.Sqlite's
    /// command and reader around it (this runs up to twice a request).
    /// </summary>
    public ChangeStamp? Read()
    {
        lock (_reading)
        {
            if (_unavailable || (_pragma ??= Open()) is not { } pragma)
            {
                return null;
            }

            var stepped = raw.sqlite3_step(pragma);
            var version = raw.sqlite3_column_int64(pragma, 0);
            raw.sqlite3_reset(pragma);
            if (stepped != raw.SQLITE_ROW)
            {
                // Without a stamp nothing is kept: slower, never stale, and never a failed request.
                Close();
                return null;
            }

            return new ChangeStamp((_connections << 40) + version);
        }
    }

    private sqlite3_stmt? Open()
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
            SqliteSessionSettings.WaitWhenBusy(_connection);
            if (raw.sqlite3_prepare_v2(_connection.Handle, "PRAGMA data_version", out var pragma) != raw.SQLITE_OK)
            {
                pragma.Dispose();
                Close();
                _unavailable = true;
                return null;
            }

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
