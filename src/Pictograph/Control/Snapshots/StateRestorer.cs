using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Jobs;
using Pictograph.Media;

namespace Pictograph.Control.Snapshots;

/// <summary>An archive this server will not restore, with every reason found.</summary>
public sealed class ArchiveRefusedException(IReadOnlyList<string> reasons)
    : Exception("The snapshot cannot be restored: " + string.Join("; ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// Replaces the whole state with an archive's. The archive is read and checked in full before anything changes;
/// media files go in first (what they replace is kept aside), then every table is emptied and filled in one
/// transaction; only when that commits are the media files the archive lacks removed. A failure at any step
/// puts the files back and leaves the database as it was.
/// </summary>
public sealed class StateRestorer(IDbContextFactory<PictographDb> dbFactory, IMediaStore store, IdAllocator ids, JobQueue queue, MediaCache mediaCopies, CommentPages commentCopies, StateGate gate)
{
    private const int MaxErrors = 20;

    public async Task RestoreAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var tables = StateTables.Of(db);
        var migrations = db.Database.GetMigrations().ToList();
        var (rows, media) = await ReadAsync(zip, tables, migrations, cancellationToken).ConfigureAwait(false);
        await gate.ReplaceAsync(() => ReplaceAsync(db, tables, rows, media, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(PictographDb db, StateTables tables, Dictionary<string, TableRows> rows, List<ZipArchiveEntry> media, CancellationToken cancellationToken)
    {
        var staged = await StageMediaAsync(media, cancellationToken).ConfigureAwait(false);
        try
        {
            await ReplaceTablesAsync(db, tables, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // A row the archive holds breaks a constraint (a reference to a missing row, a duplicate key): rolled back.
            await staged.UndoAsync(store).ConfigureAwait(false);
            throw new ArchiveRefusedException([$"the database refused its rows: {e.Message}"]);
        }
        catch
        {
            await staged.UndoAsync(store).ConfigureAwait(false);
            throw;
        }

        staged.Commit();
        var kept = media.Select(m => m.FullName[StateArchive.MediaFolder.Length..]).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        await foreach (var key in store.KeysAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!kept.Contains(key))
            {
                stale.Add(key);
            }
        }

        foreach (var key in stale)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        // Blocks reserved before the restore may overlap the restored counters, and copies are kept by (id, version),
        // which the archive's rows may repeat with other content.
        ids.Forget();
        mediaCopies.Clear();
        commentCopies.Clear();
        queue.Wake();
    }

    private static async Task<(Dictionary<string, TableRows> Rows, List<ZipArchiveEntry> Media)> ReadAsync(
        ZipArchive zip, StateTables tables, List<string> migrations, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var manifestEntry = zip.GetEntry(StateArchive.ManifestEntry) ?? throw new ArchiveRefusedException(["it has no manifest.json: it is not a Pictograph snapshot"]);
        StateArchive.Manifest? manifest;
        try
        {
            await using var stream = manifestEntry.Open();
            manifest = await JsonSerializer.DeserializeAsync<StateArchive.Manifest>(stream, StateValues.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ArchiveRefusedException([$"manifest.json is not valid: {e.Message}"]);
        }

        if (manifest is null || manifest.Format < 1)
        {
            throw new ArchiveRefusedException(["manifest.json has no format version"]);
        }

        if (manifest.Format > StateArchive.FormatVersion)
        {
            throw new ArchiveRefusedException([$"it was written in snapshot format {manifest.Format}, and this server reads formats up to {StateArchive.FormatVersion}; restore it with a newer Pictograph"]);
        }

        if (manifest.Schema.Length > 0 && !migrations.Contains(manifest.Schema, StringComparer.Ordinal))
        {
            throw new ArchiveRefusedException([$"its database schema ({manifest.Schema}) is newer than this server's ({migrations.LastOrDefault()}); restore it with a newer Pictograph"]);
        }

        var known = tables.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var rows = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        var media = new List<ZipArchiveEntry>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.StartsWith(StateArchive.MediaFolder, StringComparison.Ordinal) && entry.FullName.Length > StateArchive.MediaFolder.Length)
            {
                var key = entry.FullName[StateArchive.MediaFolder.Length..];
                if (MediaKey.IsValid(key))
                {
                    media.Add(entry);
                }
                else
                {
                    errors.Add($"{entry.FullName} is not a valid media key");
                }
            }
            else if (entry.FullName.StartsWith(StateArchive.TablesFolder, StringComparison.Ordinal) && entry.FullName.EndsWith(".json", StringComparison.Ordinal))
            {
                var name = entry.FullName[StateArchive.TablesFolder.Length..^".json".Length];
                if (!known.TryGetValue(name, out var table))
                {
                    errors.Add($"table {name} does not exist here");
                    continue;
                }

                rows[name] = await ReadTableAsync(entry, table, errors, cancellationToken).ConfigureAwait(false);
            }

            if (errors.Count >= MaxErrors)
            {
                break;
            }
        }

        return errors.Count > 0 ? throw new ArchiveRefusedException(errors) : (rows, media);
    }

    private static async Task<TableRows> ReadTableAsync(ZipArchiveEntry entry, StateTable table, List<string> errors, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        var columns = new List<StateColumn>();
        var read = new TableRows(columns, rows);
        JsonDocument document;
        try
        {
            await using var stream = entry.Open();
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            errors.Add($"{entry.FullName} is not valid JSON: {e.Message}");
            return read;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("columns", out var columnList) || columnList.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("rows", out var rowList) || rowList.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{entry.FullName} needs \"columns\" and \"rows\" arrays");
                return read;
            }

            // The archive's columns, in its order, mapped to today's; a column added since takes its default.
            foreach (var name in columnList.EnumerateArray())
            {
                var column = table.Columns.FirstOrDefault(c => c.Name == name.GetString());
                if (column is null)
                {
                    errors.Add($"{table.Name}.{name} does not exist here");
                    return read;
                }

                columns.Add(column);
            }

            var index = 0;
            foreach (var row in rowList.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != columns.Count)
                {
                    errors.Add($"{table.Name} row {index} does not have {columns.Count} values");
                    return read;
                }

                var values = new object?[columns.Count];
                var i = 0;
                foreach (var value in row.EnumerateArray())
                {
                    if (!StateValues.TryRead(value, columns[i], out values[i], out var error))
                    {
                        errors.Add($"{table.Name} row {index}: {error}");
                        return read;
                    }

                    i++;
                }

                rows.Add(values);
                index++;
            }

        }

        return read;
    }

    private static async Task ReplaceTablesAsync(PictographDb db, StateTables tables, Dictionary<string, TableRows> rows, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await DeferForeignKeysAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var table in tables.Tables.Reverse())
        {
            await ExecuteAsync(connection, transaction.GetDbTransaction(), $"DELETE FROM {sql.DelimitIdentifier(table.Name)}", cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in tables.Tables)
        {
            if (!rows.TryGetValue(table.Name, out var tableRows) || tableRows.Rows.Count == 0)
            {
                continue;
            }

            var columns = tableRows.Columns;
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var parameters = columns.Select((_, i) =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "@p" + i;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToList();
            foreach (var values in tableRows.Rows)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (!db.Database.IsSqlite())
        {
            // PostgreSQL's identity columns count apart from the rows: go on after the restored ones (setval is
            // strict, so a table without an identity column is left alone).
            foreach (var table in tables.Tables.Where(t => t.Columns.Any(c => c.Name == "Id")))
            {
                var name = sql.DelimitIdentifier(table.Name);
                await ExecuteAsync(
                    connection,
                    transaction.GetDbTransaction(),
                    $"SELECT setval(pg_get_serial_sequence('{name}', 'Id'), coalesce(max(\"Id\"), 0) + 1, false) FROM {name}",
                    cancellationToken).ConfigureAwait(false);
            }
        }

        // Jobs that were running when the snapshot was taken run again, now, on this node.
        await db.Jobs.Where(j => j.State == JobState.Pending && j.LeaseOwner != null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (long?)null), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows go in table by table; a table that refers to itself (replies, carousel children) needs its checks at commit.</summary>
    private static async Task DeferForeignKeysAsync(PictographDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", cancellationToken).ConfigureAwait(false);
            return;
        }

        // PostgreSQL's foreign keys are all deferrable (see PostgreSqlMigrations).
        await db.Database.ExecuteSqlRawAsync("SET CONSTRAINTS ALL DEFERRED", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string text, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<StagedMedia> StageMediaAsync(List<ZipArchiveEntry> media, CancellationToken cancellationToken)
    {
        var staged = new StagedMedia();
        try
        {
            foreach (var entry in media)
            {
                var key = entry.FullName[StateArchive.MediaFolder.Length..];
                var existing = await store.OpenAsync(key, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    byte[] current;
                    await using (existing.Content.ConfigureAwait(false))
                    {
                        using var copy = new MemoryStream();
                        await existing.Content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                        current = copy.ToArray();
                    }

                    if (current.Length == entry.Length && await SameAsync(entry, current, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    staged.Replaced.Add((key, current));
                }
                else
                {
                    staged.Added.Add(key);
                }

                await using var content = entry.Open();
                await store.PutAsync(key, content, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await staged.UndoAsync(store).ConfigureAwait(false);
            throw;
        }

        return staged;
    }

    private static async Task<bool> SameAsync(ZipArchiveEntry entry, byte[] current, CancellationToken cancellationToken)
    {
        await using var content = entry.Open();
        var archived = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        return archived.AsSpan().SequenceEqual(SHA256.HashData(current));
    }

    /// <summary>A table's rows as the archive has them, with the archive's columns in its order.</summary>
    private sealed record TableRows(List<StateColumn> Columns, List<object?[]> Rows);

    /// <summary>The media files a restore wrote, and what they replaced, until the database commits.</summary>
    private sealed class StagedMedia
    {
        public List<string> Added { get; } = [];

        public List<(string Key, byte[] Content)> Replaced { get; } = [];

        public void Commit()
        {
            Added.Clear();
            Replaced.Clear();
        }

        public async Task UndoAsync(IMediaStore store)
        {
            foreach (var key in Added)
            {
                await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var (key, content) in Replaced)
            {
                using var stream = new MemoryStream(content, writable: false);
                await store.PutAsync(key, stream, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
