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
/// </summary>
public sealed partial class MediaSweep(IDbContextFactory<PictographDb> dbFactory, IMediaStore store, ILogger<MediaSweep> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var key in store.KeysAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        if (keys.Count == 0)
        {
            return 0;
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            referenced.UnionWith(await db.Media.Where(m => m.FileKey != null).Select(m => m.FileKey!).ToListAsync(cancellationToken).ConfigureAwait(false));
            referenced.UnionWith(await db.Media.Where(m => m.ThumbnailKey != null).Select(m => m.ThumbnailKey!).ToListAsync(cancellationToken).ConfigureAwait(false));
            referenced.UnionWith(await db.Accounts.Where(a => a.ProfilePictureKey != null).Select(a => a.ProfilePictureKey!).ToListAsync(cancellationToken).ConfigureAwait(false));
            referenced.UnionWith(await db.Containers.Where(c => c.FileKey != null).Select(c => c.FileKey!).ToListAsync(cancellationToken).ConfigureAwait(false));
            referenced.UnionWith(await db.Containers.Where(c => c.ThumbnailKey != null).Select(c => c.ThumbnailKey!).ToListAsync(cancellationToken).ConfigureAwait(false));
            foreach (var id in await db.Containers.Where(c => c.State == ContainerState.InProgress).Select(c => c.MediaId).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                // What its processing writes (see ContainerProcessing): a picture, or a video and its thumbnail.
                referenced.Add(MediaKey.For(id, "jpg"));
                referenced.Add(MediaKey.For(id, "mp4"));
            }
        }

        var stale = keys.Where(k => !referenced.Contains(k)).ToList();
        foreach (var key in stale)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        if (stale.Count > 0)
        {
            LogSwept(stale.Count);
        }

        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} media files no row refers to (left by a process that stopped between a file and its row)")]
    private partial void LogSwept(int count);
}
