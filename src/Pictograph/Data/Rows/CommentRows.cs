using Microsoft.Data.Sqlite;

namespace Pictograph.Data.Rows;

/// <summary>
/// The comment read of nested expansions (each post's newest comments), as fixed SQL mapped by hand for
/// SQLite (<see cref="SqliteRowReads"/>). The columns match <see cref="Comment"/>'s; a test
/// compares every mapped row with EF Core's.
/// </summary>
public static class CommentRows
{
    private const string Columns = "c.\"Id\", c.\"MediaId\", c.\"AuthorId\", c.\"Text\", c.\"CreatedAt\", c.\"ParentId\", c.\"Hidden\"";

    /// <summary>
    /// The newest $1 top-level comments of each post in $0 (a JSON array of ids): one statement whatever the
    /// number of posts, each post's page an index range through a correlated subquery.
    /// </summary>
    public const string NewestTopLevelOf =
        $"SELECT {Columns} FROM json_each($0) AS p JOIN \"Comments\" AS c ON c.\"Id\" IN " +
        "(SELECT x.\"Id\" FROM \"Comments\" AS x WHERE x.\"MediaId\" = p.value AND x.\"ParentId\" IS NULL ORDER BY x.\"CreatedAt\" DESC, x.\"Id\" DESC LIMIT $1)";

    public static Comment Read(SqliteDataReader row) => new()
    {
        Id = row.GetInt64(0),
        MediaId = row.GetInt64(1),
        AuthorId = row.GetInt64(2),
        Text = row.GetString(3),
        CreatedAt = row.GetInt64(4),
        ParentId = row.IsDBNull(5) ? null : row.GetInt64(5),
        Hidden = row.GetBoolean(6),
    };
}
