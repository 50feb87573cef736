using Microsoft.Data.Sqlite;

namespace Pictograph.Data.Rows;

/// <summary>Hashtags by id, as fixed SQL mapped by hand; the columns match <see cref="Hashtag"/>'s (a test compares them with EF Core's).</summary>
public static class HashtagRows
{
    /// <summary>The hashtags whose ids are in $0 (a JSON array).</summary>
    public const string ByIds = "SELECT h.\"Id\", h.\"Name\" FROM \"Hashtags\" AS h WHERE h.\"Id\" IN (SELECT value FROM json_each($0))";

    public static Hashtag Read(SqliteDataReader row) => new() { Id = row.GetInt64(0), Name = row.GetString(1) };
}
