using System.IO.MemoryMappedFiles;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Data.Connections;

/// <summary>
/// Which committed state of the database a reader would see, known without a query: the WAL-index header
/// in SQLite's <c>-shm</c> file, the 48 bytes every SQLite reader compares at the start of a transaction.
/// A commit by any connection of any process appends frames (mxFrame) or restarts the log (new salts),
/// and rewrites the header, so an unchanged <see cref="Stamp"/> means nothing was committed in between.
/// The layout is SQLite's documented WAL-index format, shared by every SQLite version since 3.7.0.
/// An open connection is kept so the file stays mapped by SQLite: the first connection of a process after
/// none were open may truncate it. No stamp (a database not in WAL mode, in memory) means "always changed".
/// </summary>
public sealed class DataVersion(IOptions<PictographOptions> options) : IDisposable
{
    private const int HeaderBytes = 48;

    private readonly Lock _opening = new();
    private SqliteConnection? _keeper;
    private MemoryMappedFile? _map;
    private volatile MemoryMappedViewAccessor? _header;
    private volatile bool _unavailable;

    /// <summary>The current stamp, or null when the database gives none.</summary>
    public Stamp? Current
    {
        get
        {
            // Once known to be missing, no lock: this runs on every read request.
            var header = _header ?? (_unavailable ? null : Open());
            if (header is null)
            {
                return null;
            }

            // The writer writes the second copy, then this first one: the first is what new readers see.
            // A read torn by a concurrent commit differs from both states, which only costs a recomputation.
            return new Stamp(header.ReadUInt64(8), header.ReadUInt64(16), header.ReadUInt64(32), header.ReadUInt64(40));
        }
    }

    private MemoryMappedViewAccessor? Open()
    {
        lock (_opening)
        {
            if (_header is not null || _unavailable)
            {
                return _header;
            }

            try
            {
                _header = Map();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
            {
                _header = null;
            }

            if (_header is null)
            {
                // Without a stamp nothing is kept: slower, never stale, and never a failed request.
                _unavailable = true;
                Dispose();
            }

            return _header;
        }
    }

    /// <summary>Maps the header of the database's WAL index, or answers null where it has none.</summary>
    private MemoryMappedViewAccessor? Map()
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.DatabaseConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        _keeper = new SqliteConnection(builder.ConnectionString);
        _keeper.Open();
        BusyTimeout.Apply(_keeper);
        using (var command = _keeper.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode";
            if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // A read maps the WAL index (and holds it) for as long as this connection stays open.
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            command.ExecuteScalar();
        }

        var file = new FileStream(Path.GetFullPath(builder.DataSource) + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length < 2 * HeaderBytes)
        {
            file.Dispose();
            return null;
        }

        _map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return _map.CreateViewAccessor(0, HeaderBytes, MemoryMappedFileAccess.Read);
    }

    public void Dispose()
    {
        _header?.Dispose();
        _map?.Dispose();
        _keeper?.Dispose();
    }

    /// <summary>The header's change counter, frame count, salts and checksum.</summary>
    public readonly record struct Stamp(ulong Change, ulong Frames, ulong Salts, ulong Checksum);
}
