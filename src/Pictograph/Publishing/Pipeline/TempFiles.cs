namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Uniquely named files in the pipeline's working folder; nothing here outlives one processing run. Each
/// process works in a subfolder of its own, claimed by an OS lock on a "{name}.pictograph-lock" file beside it for as
/// long as the process runs. A subfolder whose lock is free was left by a process that died (killed during
/// a download, say): the next pipeline to start on the folder deletes it.
/// </summary>
internal sealed class TempFiles : IDisposable
{
    /// <summary>Distinctive, since a configured folder may be shared with other programs' files.</summary>
    private const string LockExtension = ".pictograph-lock";

    private readonly string _folder;
    private readonly FileStream _lock;

    public TempFiles(PipelineOptions options)
    {
        var root = string.IsNullOrWhiteSpace(options.TempDirectory)
            ? Path.Combine(Path.GetTempPath(), "pictograph-media")
            : options.TempDirectory;
        Directory.CreateDirectory(root);
        _folder = Path.Combine(root, Guid.NewGuid().ToString("N"));
        // Held before the folder exists, so no sweep ever sees the folder unclaimed.
        _lock = new FileStream(_folder + LockExtension, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        SweepOrphans(root);
    }

    /// <summary>A path for a new file (the file is not created).</summary>
    public string NewPath(string extension)
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>Best effort: a file that cannot be deleted now is left to the temporary folder's cleanup.</summary>
    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing better to do; the caller's outcome does not depend on it.
        }
    }

    /// <summary>A clean shutdown leaves nothing behind.</summary>
    public void Dispose() => Release(_folder, _lock);

    /// <summary>Deletes the subfolders of processes that no longer run: those whose lock this process can take.</summary>
    private static void SweepOrphans(string root)
    {
        foreach (var lockPath in Directory.EnumerateFiles(root, "*" + LockExtension))
        {
            if (!Guid.TryParseExact(Path.GetFileNameWithoutExtension(lockPath), "N", out _))
            {
                continue;
            }

            FileStream held;
            try
            {
                held = new FileStream(lockPath, FileMode.Open, FileAccess.Write, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // its process runs (this one's too), or another sweep took it first
            }

            Release(lockPath[..^LockExtension.Length], held);
        }
    }

    /// <summary>The folder, then its lock file while still held, so the name is never free with files in it.</summary>
    private static void Release(string folder, FileStream held)
    {
        using (held)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                File.Delete(held.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later sweep.
            }
        }
    }
}
