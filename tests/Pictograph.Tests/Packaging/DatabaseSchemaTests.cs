using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Pictograph.Data;

namespace Pictograph.Tests.Packaging;

/// <summary>
/// The start's shortcuts stay true to the migrations: Data/Schema.sql builds what EF Core's migrate builds,
/// and the compiled model (Data/CompiledModel) is the model the code describes. When one fails after a
/// model change, regenerate both (docs/install.md, "After changing the model").
/// </summary>
public sealed class DatabaseSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pictograph-schema-").FullName;

    [Fact]
    public async Task The_schema_script_builds_the_database_that_the_migrations_build()
    {
        var scripted = Path.Combine(_folder, "scripted.db");
        var migrated = Path.Combine(_folder, "migrated.db");
        await using (var db = Open(scripted))
        {
            await db.Database.OpenConnectionAsync();
            await using var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
            command.CommandText = DatabaseSetup.ReadSchemaScript();
            await command.ExecuteNonQueryAsync();
        }

        await using (var db = Open(migrated))
        {
            await DatabaseSetup.MigrateThroughEfCoreAsync(db, CancellationToken.None);
        }

        Assert.Equal(Describe(migrated), Describe(scripted));
    }

    [Fact]
    public void The_script_ends_at_the_latest_migration()
    {
        using var db = Open(Path.Combine(_folder, "any.db"));
        Assert.Contains($"VALUES ('{db.Database.GetMigrations().Last()}', ", DatabaseSetup.ReadSchemaScript(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiled_model_is_the_model_the_code_describes()
    {
        using var db = Open(Path.Combine(_folder, "any.db"));
        var compiled = db.Model;
        var described = db.GetService<IDesignTimeModel>().Model;
        Assert.IsType<Pictograph.Data.CompiledModel.PictographDbModel>(compiled);

        Assert.Equal(Describe(described), Describe(compiled));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSQL_s_migrations_hold_every_change_of_the_model()
    {
        // The model is checked against the last migration's snapshot; no server is contacted.
        using var db = new Pictograph.Data.Providers.PostgreSqlDb(
            new DbContextOptionsBuilder<Pictograph.Data.Providers.PostgreSqlDb>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static PictographDb Open(string path) =>
        new(new DbContextOptionsBuilder<PictographDb>().UseSqlite($"Data Source={path}").Options);

    /// <summary>Each entity's table, columns, keys, indexes and foreign keys as the model maps them.</summary>
    private static List<string> Describe(IModel model)
    {
        var rows = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            rows.Add($"table {table.Name} of {string.Join(",", table.EntityTypeMappings.Select(m => m.TypeBase.Name).Order())}");
            rows.AddRange(table.Columns.Select(c => $"column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable} default={c.DefaultValueSql ?? c.DefaultValue}"));
            rows.AddRange(table.UniqueConstraints.Select(k => $"key {k.Name} ({string.Join(",", k.Columns.Select(c => c.Name))})"));
            rows.AddRange(table.Indexes.Select(i => $"index {i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}"));
            rows.AddRange(table.ForeignKeyConstraints.Select(f => $"fk {f.Name} ({string.Join(",", f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} {f.OnDeleteAction}"));
        }

        rows.AddRange(model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p => $"property {e.Name}.{p.Name} {p.ClrType} {p.GetValueConverter()?.GetType().Name}")));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>
    /// Every table, index and trigger as SQLite keeps it, and the migrations recorded. EF Core's own lock
    /// table is left out: it makes that table whenever it migrates, and only then.
    /// </summary>
    private static List<string> Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock'
            UNION ALL SELECT 'migration ' || MigrationId || ' ' || ProductVersion FROM "__EFMigrationsHistory"
            ORDER BY 1
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
