using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pictograph.Tests.Infrastructure;

/// <summary>Writes to a server's database the way another node or a tool would: a plain connection of its own.</summary>
public static class OutsideWrites
{
    /// <summary>
    /// Runs one statement outside the server and returns the rows it changed; parameters are named <c>$name</c>
    /// (SQLite's style; on PostgreSQL they are sent as <c>@name</c>).
    /// </summary>
    public static async Task<int> ExecuteOutsideAsync(this PictographServer server, string sql, params (string Name, object Value)[] parameters)
    {
        var database = TestDatabases.DatabaseOf(server.DataDirectory);
        await using DbConnection connection = database is null
            ? new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "pictograph.db")};Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgreSqlServer) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database is null ? sql : sql.Replace("$", "@", StringComparison.Ordinal);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = database is null ? name : name.Replace("$", "@", StringComparison.Ordinal);
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
