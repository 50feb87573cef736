using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Pictograph.Data;
using Pictograph.Media;

namespace Pictograph.Control.Snapshots;

/// <summary>Writes the whole state (every table's rows, every media file) as a <see cref="StateArchive"/>.</summary>
public sealed class StateWriter(IDbContextFactory<PictographDb> dbFactory, IMediaStore store, TimeProvider clock)
{
    public async Task<StateArchive.Manifest> WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var schema = (await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).LastOrDefault() ?? "";
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var sql = db.GetService<ISqlGenerationHelper>();
        // One transaction, so every table is read as of the same commit.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var connection = db.Database.GetDbConnection();
            foreach (var table in StateTables.Of(db).Tables)
            {
                var entry = zip.CreateEntry(StateArchive.TablesFolder + table.Name + ".json", CompressionLevel.Fastest);
                await using var stream = entry.Open();
                await using var json = new Utf8JsonWriter(stream);
                json.WriteStartObject();
                json.WriteStartArray("columns");
                foreach (var column in table.Columns)
                {
                    json.WriteStringValue(column.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                await using var command = connection.CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name)}";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                long count = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    json.WriteStartArray();
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        StateValues.Write(json, table.Columns[i], reader.IsDBNull(i) ? null : reader.GetValue(i));
                    }

                    json.WriteEndArray();
                    count++;
                }

                json.WriteEndArray();
                json.WriteEndObject();
                rows[table.Name] = count;
            }
        }

        long files = 0, bytes = 0;
        await foreach (var key in store.KeysAsync(cancellationToken).ConfigureAwait(false))
        {
            var media = await store.OpenAsync(key, cancellationToken).ConfigureAwait(false);
            if (media is null)
            {
                // Deleted since it was listed.
                continue;
            }

            await using (media.Content.ConfigureAwait(false))
            {
                // Images and videos are compressed already.
                var entry = zip.CreateEntry(StateArchive.MediaFolder + key, CompressionLevel.NoCompression);
                await using var stream = entry.Open();
                await media.Content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                files++;
                bytes += media.Length;
            }
        }

        var manifest = new StateArchive.Manifest(StateArchive.FormatVersion, clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), schema, rows, files, bytes);
        var manifestEntry = zip.CreateEntry(StateArchive.ManifestEntry, CompressionLevel.Fastest);
        await using (var stream = manifestEntry.Open())
        {
            await JsonSerializer.SerializeAsync(stream, manifest, StateValues.Json, cancellationToken).ConfigureAwait(false);
        }

        return manifest;
    }
}
