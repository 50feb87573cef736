using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Media;

/// <summary>Media files under <see cref="PictographOptions.MediaDirectory"/>, one file per key.</summary>
public sealed class DiskMediaStore(IOptions<PictographOptions> options) : IMediaStore
{
    // Trailing separator so "media-other/x" can never pass the prefix check for "media".
    private readonly string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.MediaDirectory)) + Path.DirectorySeparatorChar;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = Resolve(key) ?? throw new ArgumentException($"Invalid media key '{key}'.", nameof(key));
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);

        // Same folder as the target so the rename is atomic; the leading dot keeps it unservable.
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<MediaObject?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = Resolve(key);
        if (path is null)
        {
            return Task.FromResult<MediaObject?>(null);
        }

        FileStream file;
        try
        {
            // FileShare.Delete: a concurrent PutAsync may replace the file while it is being served.
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // UnauthorizedAccessException is also what opening a folder ("ab/cd") throws.
            return Task.FromResult<MediaObject?>(null);
        }

        var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(file.SafeFileHandle));
        return Task.FromResult<MediaObject?>(new MediaObject(file, file.Length, MediaKey.ContentType(key), modified));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Resolve(key) is { } path)
        {
            try
            {
                // A file being served stays readable to that reader (FileShare.Delete) until it is done.
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Never stored: nothing to remove.
            }
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken) => Keys(cancellationToken).ToAsyncEnumerable();

    private IEnumerable<string> Keys(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Temp files of writes in flight start with a dot, which no valid key has.
            var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (MediaKey.IsValid(key))
            {
                yield return key;
            }
        }
    }

    private string? Resolve(string key)
    {
        if (!MediaKey.IsValid(key))
        {
            return null;
        }

        // Defence in depth: valid keys cannot escape, but check the resolved path anyway.
        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(root, StringComparison.Ordinal) ? path : null;
    }
}
