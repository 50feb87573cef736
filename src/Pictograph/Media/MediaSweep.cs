using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Media;

/// <summary>
/// Deletes the media files no row refers to, once at start before the server serves or runs jobs. A process
/// killed between a file and its row leaves such files (a restore cut short before or after its commit, a
/// deletion between its row and its files), as does a container processed while a reset removed it; nothing
/// would ever serve or delete them. The keys are listed before the rows are read, so a file another node writes
/// meanwhile belongs to a container that is in progress (its run rewrites the file) or finished by then, and is
/// kept. A restore running on another node at that moment may lose the files it has staged: restore with one node.
/// Container processing also asks it about the files it wrote for a container that a reset or restore removed meanwhile.
/// </summary>
public sealed partial class MediaSweep(IDbContextFactory<PictographDb> dbFactory, IMediaStore store, ILogger<MediaSweep> logger)
{
    private const int Chunk = 500;

    /// <summary>Every stored file no row refers to; returns how many were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var key in store.KeysAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        var deleted = 0;
        foreach (var chunk in keys.Chunk(Chunk))
        {
            deleted += await DeleteUnreferencedAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        if (deleted > 0)
        {
            LogSwept(deleted);
        }

        return deleted;
    }

    /// <summary>Deletes those of <paramref name="keys"/> that no row refers to (read after the files were written).</summary>
    public async Task<int> DeleteUnreferencedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var media in await db.Media.Where(m => keys.Contains(m.FileKey!) || keys.Contains(m.ThumbnailKey!)).Select(m => new { m.FileKey, m.ThumbnailKey }).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                referenced.Add(media.FileKey ?? "");
                referenced.Add(media.ThumbnailKey ?? "");
            }

            foreach (var container in await db.Containers.Where(c => keys.Contains(c.FileKey!) || keys.Contains(c.ThumbnailKey!)).Select(c => new { c.FileKey, c.ThumbnailKey }).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                referenced.Add(container.FileKey ?? "");
                referenced.Add(container.ThumbnailKey ?? "");
            }

            referenced.UnionWith(await db.Accounts.Where(a => keys.Contains(a.ProfilePictureKey!)).Select(a => a.ProfilePictureKey!).ToListAsync(cancellationToken).ConfigureAwait(false));

            // A container in progress rewrites its files (see ContainerProcessing) before its row names them.
            var ids = keys.Select(IdOf).OfType<long>().Distinct().ToList();
            foreach (var id in await db.Containers.Where(c => c.State == ContainerState.InProgress && ids.Contains(c.MediaId)).Select(c => c.MediaId).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                referenced.UnionWith(keys.Where(k => IdOf(k) == id));
            }
        }

        var stale = keys.Where(k => !referenced.Contains(k)).ToList();
        foreach (var key in stale)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        return stale.Count;
    }

    /// <summary>The id a key is named after (<see cref="MediaKey.For"/>), if it is.</summary>
    private static long? IdOf(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return long.TryParse(dot < 0 ? name : name[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} media files no row refers to (left by a process that stopped between a file and its row)")]
    private partial void LogSwept(int count);
}
