using Microsoft.Data.Sqlite;

namespace Pictograph.Data;

/// <summary>
/// The data directory holds the database (app secrets, token hashes, password hashes), the server secret and
/// the data-protection keys: it and those files are for the account that runs the server alone.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder readable by its owner only; a folder that exists is left as its operator set it.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerDirectory);
        }
    }

    /// <summary>
    /// Creates the SQLite file for its owner only before SQLite does (SQLite gives its <c>-wal</c> and <c>-shm</c>
    /// files the database file's mode), and takes group and world access away from an existing one and its
    /// companions, which an earlier version created readable by everyone.
    /// </summary>
    public static void PrepareDatabase(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        if (!File.Exists(source))
        {
            using var created = new FileStream(source, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
            return;
        }

        foreach (var path in new[] { source, source + "-wal", source + "-shm", source + "-journal" })
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~(OwnerFile | UnixFileMode.UserExecute)) != 0)
            {
                File.SetUnixFileMode(path, OwnerFile);
            }
        }
    }
}
