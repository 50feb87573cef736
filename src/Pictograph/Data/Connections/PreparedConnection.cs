using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Pictograph.Data.Connections;

/// <summary>
/// One database connection kept open between requests with the statements it has prepared.
/// Microsoft.Data.Sqlite prepares every command it runs and finalizes the statements when the command or the
/// connection closes, so a query costs a fresh <c>sqlite3_prepare</c> each time; a SELECT's prepared
/// statement here is kept under its SQL text and only rebound (<see cref="PreparedStatements"/>).
/// </summary>
public sealed class PreparedConnection : IDisposable
{
    /// <summary>Distinct statements kept per connection; past it the cache starts over (a shape explosion, never the steady state).</summary>
    private const int MaxStatements = 256;

    private readonly Dictionary<string, Kept> _statements = new(StringComparer.Ordinal);
    private readonly PreparedStatements _interceptor;

    public PreparedConnection(string connectionString, PreparedStatements interceptor, SqliteSessionSettings settings, SqliteWriteTurns turns, ILoggerFactory loggerFactory)
    {
        _interceptor = interceptor;
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        settings.Apply(Connection);
        turns.Watch(Connection);
        var options = new DbContextOptionsBuilder<PictographDb>()
            .UseSqlite(Connection)
            .AddInterceptors(interceptor, turns)
            .UseLoggerFactory(loggerFactory)
            .Options;
        // One context for the connection's life: building a context and its services is most of a
        // small query's cost, so scopes borrow this one and it is reset between them.
        Db = new PictographDb(options) { Lent = true };
        interceptor.Track(this);
    }

    public SqliteConnection Connection { get; }

    public PictographDb Db { get; }

    /// <summary>
    /// Makes the connection ready for the next scope: true when it is open, no transaction was left behind and
    /// the context forgot what it tracked; false when it must be closed instead.
    /// </summary>
    public bool TryReset()
    {
        if (Connection.State != System.Data.ConnectionState.Open || raw.sqlite3_get_autocommit(Connection.Handle) == 0
            || Db.Database.CurrentTransaction is not null)
        {
            return false;
        }

        Db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>
    /// Runs <paramref name="command"/>'s SQL on this connection's prepared statement for it; null when that
    /// statement's reader is still open (the same query nested in its own results), so EF Core runs its own.
    /// </summary>
    public SqliteDataReader? ExecuteReader(DbCommand command)
    {
        var kept = Statement(command.CommandText);
        if (kept.Busy)
        {
            return null;
        }

        var prepared = kept.Command;
        prepared.Transaction = (SqliteTransaction?)command.Transaction;
        prepared.CommandTimeout = command.CommandTimeout;
        // The same SQL text has the same parameters: rebind the kept ones rather than allocate new ones.
        var source = command.Parameters;
        var target = prepared.Parameters;
        if (target.Count != source.Count)
        {
            target.Clear();
            for (var i = 0; i < source.Count; i++)
            {
                target.Add(new SqliteParameter());
            }
        }

        for (var i = 0; i < source.Count; i++)
        {
            var from = (SqliteParameter)source[i];
            var to = target[i];
            to.ParameterName = from.ParameterName;
            to.SqliteType = from.SqliteType;
            to.Size = from.Size;
            to.Value = from.Value;
        }

        return kept.Reader = prepared.ExecuteReader();
    }

    /// <summary>
    /// Runs one of this codebase's own fixed SELECTs (parameters <c>$0</c>, <c>$1</c>, …: numbers or text) and maps its rows:
    /// for the few reads nearly every call makes, EF Core's per-query work costs several times the query.
    /// Inside the context's transaction when it has one; announced like EF Core's commands (<see cref="DirectCommands"/>).
    /// </summary>
    public List<T> Query<T>(string sql, ReadOnlySpan<object> arguments, Func<SqliteDataReader, T> map)
    {
        // Read to the end and closed before returning: a direct statement is never busy when it is next used.
        var prepared = Statement(sql).Command;
        prepared.Transaction = (SqliteTransaction?)Db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = prepared.Parameters;
        if (parameters.Count != arguments.Length)
        {
            parameters.Clear();
            for (var i = 0; i < arguments.Length; i++)
            {
                parameters.Add(new SqliteParameter { ParameterName = "$" + i.ToString(CultureInfo.InvariantCulture) });
            }
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            parameters[i].Value = arguments[i];
        }

        var rows = new List<T>();
        using (var reader = prepared.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(map(reader));
            }
        }

        DirectCommands.Executed(Connection, sql);
        return rows;
    }

    private Kept Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var kept))
        {
            if (_statements.Count >= MaxStatements)
            {
                Forget(all: false);
            }

            var prepared = Connection.CreateCommand();
            prepared.CommandText = sql;
            prepared.Prepare();
            _statements[sql] = kept = new Kept(prepared);
        }

        return kept;
    }

    /// <summary>Finalizes the kept statements; short of <paramref name="all"/>, those a reader is still reading stay.</summary>
    private void Forget(bool all)
    {
        foreach (var (sql, kept) in _statements.ToList())
        {
            if (all || !kept.Busy)
            {
                kept.Command.Dispose();
                _statements.Remove(sql);
            }
        }
    }

    public void Dispose()
    {
        _interceptor.Forget(this);
        Forget(all: true);
        Db.End();
        Connection.Dispose();
    }

    /// <summary>A prepared command and the last reader it gave EF Core (open until EF Core disposes it).</summary>
    private sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public SqliteDataReader? Reader { get; set; }

        public bool Busy => Reader is { IsClosed: false };
    }
}
