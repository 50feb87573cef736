using System.Globalization;

namespace Pictograph.Bench.Soak;

/// <summary>One look at the server process (from /proc) and its data directory.</summary>
internal sealed record Sample(
    TimeSpan At, double CpuSeconds, long RssKiB, long AnonKiB, long PeakRssKiB, int Files, int Databases, int Sockets, int Threads, long DbBytes, long WalBytes, long MediaBytes)
{
    public static Sample Take(TimeSpan at, int pid, string dataDirectory)
    {
        long rss = 0, anon = 0, peak = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kib(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = (int)Kib(line);
            }
        }

        // utime and stime, the 14th and 15th fields of /proc/PID/stat, in clock ticks (100 a second on Linux).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        int files = 0, databases = 0, sockets = 0;
        foreach (var fd in new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos())
        {
            // A descriptor gone between listing and reading its link is simply not counted.
            var target = fd.LinkTarget;
            if (target is null)
            {
                continue;
            }

            if (target.StartsWith("socket:", StringComparison.Ordinal))
            {
                sockets++;
            }
            else if (target.Contains("pictograph.db", StringComparison.Ordinal))
            {
                // SQLite's pooled connections, each holding the database and its -wal open.
                databases++;
            }
            else
            {
                files++;
            }
        }

        var media = Path.Combine(dataDirectory, "media");
        var mediaBytes = Directory.Exists(media)
            ? new DirectoryInfo(media).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
        return new Sample(at, cpu, rss, anon, peak, files, databases, sockets, threads, Size(Path.Combine(dataDirectory, "pictograph.db")),
            Size(Path.Combine(dataDirectory, "pictograph.db-wal")), mediaBytes);
    }

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static long Kib(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
