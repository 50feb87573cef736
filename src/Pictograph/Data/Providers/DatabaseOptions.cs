namespace Pictograph.Data.Providers;

/// <summary>The database behind the server: SQLite in the data directory by default, or PostgreSQL.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. Empty with SQLite means <c>pictograph.db</c> inside the data directory;
    /// PostgreSQL needs one (Npgsql's format: <c>Host=…;Database=…;Username=…;Password=…</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: when commits reach the disk (see <see cref="Connections.SqliteSessionSettings"/>).</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;
}

/// <summary>SQLite's <c>synchronous</c> levels that make sense in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>The log is synced at checkpoints: nothing lost when the process dies, the last commits may be lost when the machine does.</summary>
    Normal,

    /// <summary>The log is synced on every commit.</summary>
    Full,
}

/// <summary>The databases the server runs on; configuration names them case-insensitively (<c>sqlite</c>, <c>postgresql</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
