using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Pictograph.Data.Providers;

namespace Pictograph.Tests.Infrastructure;

/// <summary>
/// The provider the suite runs on: SQLite in each server's data directory, or, when
/// <c>PICTOGRAPH_TEST_POSTGRES</c> holds a connection string to a PostgreSQL server (scripts/test starts one),
/// a database of each server's own on it, copied from a template migrated once per run.
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Databases = new();

    public static string? PostgreSqlServer { get; } = Environment.GetEnvironmentVariable("PICTOGRAPH_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool OnPostgreSql => PostgreSqlServer is not null;

    /// <summary>The PostgreSQL database of the server on <paramref name="dataDirectory"/>, if it has one.</summary>
    public static string? DatabaseOf(string dataDirectory) => Databases.GetValueOrDefault(dataDirectory);

    /// <summary>
    /// The arguments of the server on <paramref name="dataDirectory"/> for a new empty database of its own (none
    /// on SQLite); <see cref="DropAsync"/> removes it.
    /// </summary>
    public static async Task<(string[] Args, string? Database)> CreateAsync(string dataDirectory)
    {
        if (PostgreSqlServer is not { } server)
        {
            return ([], null);
        }

        var template = await TemplateAsync(server);
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        Databases[dataDirectory] = name;
        return (["--Pictograph:Database:Provider=postgresql", $"--Pictograph:Database:ConnectionString={Of(server, name)}"], name);
    }

    public static async Task DropAsync(string? database)
    {
        if (database is not null && PostgreSqlServer is { } server)
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var name = $"template_{Environment.ProcessId}";
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
                var options = new DbContextOptionsBuilder<PostgreSqlDb>()
                    .UseNpgsql(Of(server, name) + ";Pooling=false")
                    .ReplaceService<IMigrationsSqlGenerator, PostgreSqlMigrations>()
                    .Options;
                await using (var db = new PostgreSqlDb(options))
                {
                    await db.Database.MigrateAsync();
                }

                _template = name;
            }

            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static string Of(string server, string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
