using Microsoft.Data.Sqlite;

namespace Pictograph.Data.Rows;

internal static class NullableColumns
{
    public static string? TextOrNull(this SqliteDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
}
