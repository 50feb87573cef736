using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Data;

/// <summary>
/// Brings the database to the current schema at start. Asking EF Core to migrate costs seconds even when
/// there is nothing to do (it builds every migration's target model), so: a database that has every
/// migration is left alone, and a new one gets <c>Schema.sql</c> (the same migrations as one script) in one
/// transaction. Anything else, or a script that lags behind the migrations, goes through EF Core, as does
/// PostgreSQL always (EF Core holds a lock there, so nodes starting together migrate once).
/// </summary>
public sealed class DatabaseSetup(IDbContextFactory<PictographDb> dbFactory, IOptions<PictographOptions> options)
{
    internal const string SchemaResource = "Pictograph.Data.Schema.sql";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        OwnerOnlyFiles.CreateDirectory(options.Value.DataDirectory);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        OwnerOnlyFiles.PrepareDatabase(options.Value.DatabaseConnectionString);
        var migrations = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (migrations.SequenceEqual(applied))
        {
            return;
        }

        if (applied.Count == 0 && await RunSchemaScriptAsync(db, migrations[^1], cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await MigrateThroughEfCoreAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The slow path, also what the tests compare the script with.</summary>
    internal static async Task MigrateThroughEfCoreAsync(PictographDb db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await UseWalAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema script, when it ends at <paramref name="latest"/>; false (nothing run) when it does not.</summary>
    private static async Task<bool> RunSchemaScriptAsync(PictographDb db, string latest, CancellationToken cancellationToken)
    {
        var script = ReadSchemaScript();
        if (!script.Contains($"VALUES ('{latest}', ", StringComparison.Ordinal))
        {
            return false;
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // The script commits after each migration; here all of it is one transaction (one sync to disk).
            command.CommandText = string.Join('\n', script.Split('\n').Where(line => line.TrimEnd() is not ("BEGIN TRANSACTION;" or "COMMIT;")));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await UseWalAsync(db, cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal static string ReadSchemaScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // WAL lets readers run beside the one writer; the setting is stored in the file.
    private static Task UseWalAsync(PictographDb db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}
