using Microsoft.Data.Sqlite;

namespace Pictograph.Tests.Infrastructure;

/// <summary>Writes to a server's database the way another node or a tool would: a plain connection of its own.</summary>
public static class OutsideWrites
{
    /// <summary>Runs one statement outside the server and returns the rows it changed.</summary>
    public static async Task<int> ExecuteOutsideAsync(this PictographServer server, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "pictograph.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
