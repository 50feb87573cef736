using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace Pictograph.Tests.Crash;

/// <summary>
/// What must hold in a data directory after any crash and restart, read from the outside: the SQLite file
/// opened read-only beside the running server, and the files on disk. Each check returns the problems it found.
/// </summary>
public static class CrashInvariants
{
    public static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "pictograph.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public static long Scalar(string dataDirectory, string sql)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The database is whole; every stored key has its file; every media file belongs to a row (or to a
    /// container still being processed, whose run rewrites it); no store temp file is left; each published
    /// container has exactly its one media, each other container none, and each container one processing job.
    /// </summary>
    public static List<string> Check(string dataDirectory)
    {
        var problems = new List<string>();
        using var connection = Open(dataDirectory);
        var integrity = Rows(connection, "PRAGMA integrity_check");
        if (integrity is not ["ok"])
        {
            problems.Add("integrity_check: " + string.Join("; ", integrity));
        }

        problems.AddRange(Rows(connection, "PRAGMA foreign_key_check").Select(r => "foreign key broken: " + r));

        var referenced = Rows(connection, """
            SELECT FileKey FROM Media WHERE FileKey IS NOT NULL UNION SELECT ThumbnailKey FROM Media WHERE ThumbnailKey IS NOT NULL
            UNION SELECT ProfilePictureKey FROM Accounts WHERE ProfilePictureKey IS NOT NULL
            UNION SELECT FileKey FROM Containers WHERE FileKey IS NOT NULL AND State = 'Finished'
            UNION SELECT ThumbnailKey FROM Containers WHERE ThumbnailKey IS NOT NULL AND State = 'Finished'
            """).ToHashSet(StringComparer.Ordinal);
        var media = Path.Combine(dataDirectory, "media");
        problems.AddRange(referenced.Where(key => !File.Exists(Path.Combine(media, key))).Select(key => $"no file for the stored key {key}"));

        var processing = Rows(connection, "SELECT MediaId FROM Containers WHERE State = 'InProgress'").ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.Exists(media) ? Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories) : [])
        {
            var key = Path.GetRelativePath(media, path).Replace(Path.DirectorySeparatorChar, '/');
            if (Path.GetFileName(path).StartsWith('.'))
            {
                problems.Add($"a store temp file is left: {key}");
            }
            else if (!referenced.Contains(key) && !processing.Contains(Path.GetFileNameWithoutExtension(path)))
            {
                problems.Add($"a media file no row refers to: {key}");
            }
        }

        problems.AddRange(Rows(connection, """
            SELECT c.Id, c.State, (SELECT COUNT(*) FROM Media m WHERE m.Id = c.MediaId) FROM Containers c
            WHERE (c.State = 'Published') <> ((SELECT COUNT(*) FROM Media m WHERE m.Id = c.MediaId) = 1)
               OR (c.State = 'Published' AND c.PublishedMediaId IS NOT c.MediaId)
            """).Select(r => $"container|state|media rows {r}: a published container has exactly one media, any other none"));
        problems.AddRange(Rows(connection, """
            SELECT Payload, COUNT(*) FROM Jobs WHERE Kind = 'publishing.process' GROUP BY Payload HAVING COUNT(*) > 1
            """).Select(r => $"more than one processing job for {r}"));
        return problems;
    }

    /// <summary>After the work has settled: no job left to run, no delivery undelivered, no container still processing.</summary>
    public static List<string> CheckSettled(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        return
        [
            .. Rows(connection, "SELECT Id, Kind, Payload, Attempts, LastError FROM Jobs WHERE State <> 'Done' AND Kind IN ('publishing.process', 'webhooks.deliver')")
                .Select(r => $"job not done: {r}"),
            .. Rows(connection, "SELECT Id, State, Attempts FROM WebhookDeliveries WHERE State <> 'Delivered'").Select(r => $"delivery not delivered: {r}"),
            .. Rows(connection, "SELECT Id FROM Containers WHERE State = 'InProgress'").Select(r => $"container still in progress: {r}"),
        ];
    }

    /// <summary>Only the running process's claim (a lock file and its maybe empty folder) is left in the pipeline's temporary folder.</summary>
    public static List<string> CheckTemporaryFolder(string temp)
    {
        if (!Directory.Exists(temp))
        {
            return [];
        }

        var files = Directory.GetFiles(temp, "*", SearchOption.AllDirectories);
        var locks = files.Where(f => f.EndsWith(".pictograph-lock", StringComparison.Ordinal)).ToList();
        return
        [
            .. files.Except(locks).Select(f => $"a temporary file is left: {Path.GetRelativePath(temp, f)}"),
            .. locks.Count > 1 ? [$"{locks.Count} processes' temporary folders, one runs"] : Array.Empty<string>(),
        ];
    }

    /// <summary>
    /// Every kept snapshot is a whole archive (a zip with its manifest, every entry readable). Before a restart a
    /// killed write's temporary file may be there; once <paramref name="swept"/>, nothing else is.
    /// </summary>
    public static List<string> CheckSnapshotFiles(string dataDirectory, bool swept)
    {
        var folder = Path.Combine(dataDirectory, "snapshots");
        var problems = new List<string>();
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            var name = Path.GetFileName(path);
            if (!name.EndsWith(".zip", StringComparison.Ordinal) || name.StartsWith('.'))
            {
                if (swept || !name.StartsWith('.'))
                {
                    problems.Add($"a file that is not a kept snapshot: snapshots/{name}");
                }

                continue;
            }

            try
            {
                using var zip = ZipFile.OpenRead(path);
                if (zip.GetEntry("manifest.json") is null)
                {
                    problems.Add($"snapshots/{name} has no manifest");
                }

                foreach (var entry in zip.Entries)
                {
                    using var content = entry.Open();
                    content.CopyTo(Stream.Null);
                }
            }
            catch (InvalidDataException e)
            {
                problems.Add($"snapshots/{name} is not a whole archive: {e.Message}");
            }
        }

        return problems;
    }
}
