using System.Globalization;
using System.Buffers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Jobs;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Publishing;

/// <summary>
/// The bytes of resumable containers: one file per container under the data directory, written in chunks
/// that each start where the last one stopped. The file is held exclusively (an OS lock, so across
/// processes too) while a chunk is written, and the container row records how many bytes are in it, after
/// they are on disk: a client that lost its connection resumes at what the row says. The last byte queues
/// the container's processing job.
/// </summary>
public sealed class ResumableUploads(IDbContextFactory<PictographDb> dbFactory, IOptions<PictographOptions> options, MediaPipeline pipeline, JobQueue queue, ProcessingMode processing, TimeProvider clock)
{
    private const int BufferSize = 81920;

    private static readonly TimeSpan StallCheckpoint = TimeSpan.FromMilliseconds(500);

    private string Folder => Path.Combine(options.Value.DataDirectory, "uploads");

    public string PathOf(long containerId) => Path.Combine(Folder, $"{containerId}.upload");

    /// <summary>The largest file the container may receive.</summary>
    public long MaxBytes(MediaContainer container) => pipeline.MaxVideoBytes(ContainerProcessing.VideoPurposeOf(container));

    /// <summary>
    /// Writes <paramref name="body"/> at <paramref name="offset"/> of a file of <paramref name="fileSize"/> bytes.
    /// Not cancelled when the client goes away: the bytes that did arrive are read and counted all the same.
    /// While the body stalls the bytes so far are recorded, so a client whose network dropped (and whose
    /// connection may linger) reads where to resume from <c>video_status</c> straight away.
    /// </summary>
    public async Task ReceiveAsync(long containerId, long offset, long fileSize, Stream body)
    {
        var file = Lock(containerId);
        bool complete;
        await using (file.ConfigureAwait(false))
        {
            await using var db = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
            var container = await CurrentAsync(db, containerId, CancellationToken.None).ConfigureAwait(false);
            var max = MaxBytes(container);
            if (fileSize < 1 || fileSize > max)
            {
                throw new ResumableUploadException(400, $"file_size must be between 1 and {max} bytes");
            }

            var received = container.UploadedBytes ?? 0;
            if (offset != 0 && offset != received)
            {
                throw new ResumableUploadException(400, $"offset {offset} does not match the {received} bytes received so far; resume at offset {received}, or restart at offset 0");
            }

            if (offset != 0 && container.UploadFileSize != fileSize)
            {
                throw new ResumableUploadException(400, $"file_size {fileSize} differs from the {container.UploadFileSize} bytes this upload started with; restart at offset 0");
            }

            if (offset != received || container.UploadFileSize != fileSize)
            {
                // A restart: the row gives up the old bytes before the file does.
                await RecordAsync(db, container, fileSize, offset).ConfigureAwait(false);
            }

            file.SetLength(offset);
            file.Position = offset;
            var (written, interrupted) = await CopyAsync(body, file, fileSize - offset, bytes => RecordAsync(db, container, fileSize, offset + bytes)).ConfigureAwait(false);
            if (written < 0)
            {
                await RecordAsync(db, container, fileSize, offset).ConfigureAwait(false);
                file.SetLength(offset);
                throw new ResumableUploadException(400, $"The body has more than the {fileSize - offset} bytes left of file_size {fileSize} after offset {offset}");
            }

            complete = await RecordAsync(db, container, fileSize, offset + written).ConfigureAwait(false);
            if (interrupted)
            {
                throw new ResumableUploadException(400, $"The upload was interrupted after {offset + written} of {fileSize} bytes; resume at offset {offset + written}", retriable: true);
            }
        }

        if (complete)
        {
            queue.Wake();
        }
    }

    /// <summary>A <c>file_url</c>: the whole file fetched as <c>video_url</c> is, safely, then processed the same way.</summary>
    public async Task FetchAsync(long containerId, string fileUrl, CancellationToken cancellationToken)
    {
        var file = Lock(containerId);
        await using (file.ConfigureAwait(false))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var container = await CurrentAsync(db, containerId, cancellationToken).ConfigureAwait(false);
            string fetched;
            try
            {
                fetched = await pipeline.FetchVideoAsync(fileUrl, ContainerProcessing.VideoPurposeOf(container), cancellationToken).ConfigureAwait(false);
            }
            catch (PublishingException e)
            {
                throw new ResumableUploadException(400, $"The file_url could not be fetched: {e.Message}");
            }

            try
            {
                // Copied into the locked file rather than moved over it, which would leave the lock on a replaced file.
                file.SetLength(0);
                var source = File.OpenRead(fetched);
                await using (source.ConfigureAwait(false))
                {
                    await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }

                file.Flush(flushToDisk: true);
            }
            finally
            {
                TempFiles.Delete(fetched);
            }

            await RecordAsync(db, container, file.Length, file.Length).ConfigureAwait(false);
        }

        queue.Wake();
    }

    /// <summary>Removes a container's upload once processing has used it (or given up on it).</summary>
    public void Discard(long containerId) => TempFiles.Delete(PathOf(containerId));

    /// <summary>
    /// Deletes the files no container will use any more: its container expired or is gone, or it has its
    /// outcome and the run that would have discarded the file was cut short. A file being written is left
    /// for the next sweep. Returns how many were deleted.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var files = Directory.EnumerateFiles(Folder, "*.upload")
            .Select(path => (Path: path, Id: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(f => f.Id > 0)
            .ToList();
        var ids = files.Select(f => f.Id).ToList();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var waiting = (await db.Containers.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.State == ContainerState.InProgress && c.CreatedAt + ContainerView.Lifetime > now)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        return files.Count(f => !waiting.Contains(f.Id) && TryDeleteUnlocked(f.Path));
    }

    /// <summary>Takes the file's lock, so no chunk is being written, and deletes it on closing.</summary>
    private static bool TryDeleteUnlocked(string path)
    {
        try
        {
            using var held = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private FileStream Lock(long containerId)
    {
        var path = PathOf(containerId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true);
        }
        catch (IOException)
        {
            throw new ResumableUploadException(409, "Another upload to this container is in progress; try again when it ends", retriable: true);
        }
    }

    /// <summary>The row as it is now that the file is held: another request may have moved it on.</summary>
    private static async Task<MediaContainer> CurrentAsync(PictographDb db, long containerId, CancellationToken cancellationToken)
    {
        var container = await db.Containers.FirstAsync(c => c.Id == containerId, cancellationToken).ConfigureAwait(false);
        return container.State != ContainerState.InProgress || (container.UploadFileSize is { } size && container.UploadedBytes == size)
            ? throw new ResumableUploadException(400, "The upload of this container is complete; it is being processed or was processed")
            : container;
    }

    /// <summary>Saves the progress (whatever the request's fate) and, with the last byte, queues processing in the same commit.</summary>
    private async Task<bool> RecordAsync(PictographDb db, MediaContainer container, long fileSize, long received)
    {
        container.UploadFileSize = fileSize;
        container.UploadedBytes = received;
        var complete = received == fileSize;
        if (complete)
        {
            queue.Enqueue(db, ContainerProcessing.Kind, new ContainerProcessing.Payload(container.Id), processing.StartOfNew(), container.OwnerId);
        }

        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return complete;
    }

    /// <summary>
    /// Copies at most <paramref name="limit"/> bytes; written is -1 when the body has more. A body that breaks
    /// off (the client went away, the connection reset) keeps what arrived: interrupted is true. When no byte
    /// has come for <see cref="StallCheckpoint"/> (real time: this is about the network, not the emulated
    /// clock), the bytes so far go to disk and <paramref name="checkpoint"/> records them.
    /// </summary>
    private static async Task<(long Written, bool Interrupted)> CopyAsync(Stream body, FileStream file, long limit, Func<long, Task> checkpoint)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        long recorded = 0;
        try
        {
            while (true)
            {
                var pending = body.ReadAsync(buffer);
                if (!pending.IsCompleted && written > recorded)
                {
                    var wait = pending.AsTask();
                    if (await Task.WhenAny(wait, Task.Delay(StallCheckpoint)).ConfigureAwait(false) != wait)
                    {
                        await SyncAsync(file).ConfigureAwait(false);
                        await checkpoint(written).ConfigureAwait(false);
                        recorded = written;
                    }

                    pending = new ValueTask<int>(wait);
                }

                var read = await pending.ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (written + read > limit)
                {
                    return (-1, false);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
                written += read;
            }

            await SyncAsync(file).ConfigureAwait(false);
            return (written, false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // BadHttpRequestException (a body shorter than its Content-Length) is an IOException too.
            await SyncAsync(file).ConfigureAwait(false);
            return (written, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>On disk before the row says so: the row never counts bytes the file may not have.</summary>
    private static async Task SyncAsync(FileStream file)
    {
        await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
    }
}
