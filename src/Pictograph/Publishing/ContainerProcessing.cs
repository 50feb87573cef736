using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Jobs;
using Pictograph.Media;
using Pictograph.Publishing.Pipeline;

namespace Pictograph.Publishing;

/// <summary>
/// The background half of a container: fetch, check and process its media, store the files under the
/// media id the container reserved, then mark it FINISHED or ERROR. Only a container still IN_PROGRESS
/// changes, so a job run twice (a crash, a lease taken over) cannot give it two results.
/// </summary>
public sealed partial class ContainerProcessing(
    IDbContextFactory<PictographDb> dbFactory,
    MediaPipeline pipeline,
    ResumableUploads uploads,
    IMediaStore store,
    MediaSweep sweep,
    TimeProvider clock,
    ILogger<ContainerProcessing> logger) : IJobHandler
{
    public const string Kind = "publishing.process";

    /// <summary>Unexpected failures (not the media's fault) are retried this many times before the container gives up.</summary>
    private const int MaxAttempts = 3;

    public sealed record Payload(long ContainerId);

    string IJobHandler.Kind => Kind;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<Payload>(run.Payload) ?? throw new JsonException("Empty payload");
        MediaContainer? container;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            container = await db.Containers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == payload.ContainerId, cancellationToken).ConfigureAwait(false);
        }

        if (container is not { State: ContainerState.InProgress })
        {
            return JobOutcome.Done;
        }

        if (run.Attempts > MaxAttempts)
        {
            await FailAsync(container.Id, new PublishingException(-1, 2207001, "Server error", "Instagram server error: the media could not be processed; try again with a new container."), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                using var processed = await ProcessAsync(container, cancellationToken).ConfigureAwait(false);
                await FinishAsync(container, processed, cancellationToken).ConfigureAwait(false);
                LogFinished(container.Id, processed.Type, processed.Width, processed.Height);
            }
            catch (PublishingException e)
            {
                await FailAsync(container.Id, e, cancellationToken).ConfigureAwait(false);
                LogRefused(container.Id, e.Code, e.Subcode, e.Message);
            }
        }

        // Kept until the container has its outcome, so a run cut short by a crash finds it again.
        if (container.IsResumable)
        {
            uploads.Discard(container.Id);
        }

        return JobOutcome.Done;
    }

    private Task<ProcessedMedia> ProcessAsync(MediaContainer container, CancellationToken cancellationToken)
    {
        if (container.ImageUrl is { } image)
        {
            var purpose = container.Kind == ContainerKind.Stories ? ImagePurpose.Story : container.IsCarouselItem ? ImagePurpose.CarouselItem : ImagePurpose.Feed;
            return pipeline.ProcessImageAsync(image, purpose, cancellationToken);
        }

        var videoPurpose = VideoPurposeOf(container);
        return container.IsResumable
            ? pipeline.ProcessVideoFileAsync(uploads.PathOf(container.Id), videoPurpose, container.ThumbOffsetMs, container.CoverUrl, cancellationToken)
            : pipeline.ProcessVideoAsync(container.VideoUrl!, videoPurpose, container.ThumbOffsetMs, container.CoverUrl, cancellationToken);
    }

    /// <summary>Which of Instagram's video specs a video container is checked against.</summary>
    public static VideoPurpose VideoPurposeOf(MediaContainer container) => container.Kind switch
    {
        ContainerKind.Stories => VideoPurpose.Story,
        ContainerKind.Reels => VideoPurpose.Reels,
        _ => container.IsCarouselItem ? VideoPurpose.CarouselItem : VideoPurpose.Feed,
    };

    private async Task FinishAsync(MediaContainer container, ProcessedMedia processed, CancellationToken cancellationToken)
    {
        var video = processed.Type == MediaType.Video;
        var fileKey = MediaKey.For(container.MediaId, video ? "mp4" : "jpg");
        string? thumbnailKey = null;
        await PutAsync(fileKey, processed.FilePath, cancellationToken).ConfigureAwait(false);
        if (video && processed.ThumbnailPath is { } thumbnail)
        {
            thumbnailKey = MediaKey.For(container.MediaId, "jpg");
            await PutAsync(thumbnailKey, thumbnail, cancellationToken).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var finished = await db.Containers.Where(c => c.Id == container.Id && c.State == ContainerState.InProgress)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ContainerState.Finished)
                .SetProperty(c => c.FileType, processed.Type)
                .SetProperty(c => c.FileKey, fileKey)
                .SetProperty(c => c.ThumbnailKey, thumbnailKey)
                .SetProperty(c => c.Width, processed.Width)
                .SetProperty(c => c.Height, processed.Height)
                .SetProperty(c => c.UploadFileSize, processed.SourceBytes)
                .SetProperty(c => c.UploadedBytes, processed.SourceBytes)
                .SetProperty(c => c.FinishedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (finished == 0)
        {
            // The container has its outcome from another run, or a reset or restore removed it while this one ran.
            await sweep.DeleteUnreferencedAsync(thumbnailKey is null ? [fileKey] : [fileKey, thumbnailKey], CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task PutAsync(string key, string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            await store.PutAsync(key, file, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(long containerId, PublishingException error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var message = error.Message.Length <= 1000 ? error.Message : error.Message[..1000];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Containers.Where(c => c.Id == containerId && c.State == ContainerState.InProgress)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ContainerState.Error)
                .SetProperty(c => c.ErrorCode, error.Code)
                .SetProperty(c => c.ErrorSubcode, error.Subcode)
                .SetProperty(c => c.ErrorMessage, message)
                .SetProperty(c => c.FinishedAt, now), cancellationToken)
            .ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} finished: {Type} {Width}x{Height}")]
    private partial void LogFinished(long containerId, MediaType type, int width, int height);

    // The URL is not logged: it may carry a signature or a token of the client's.
    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} refused: {Code}/{Subcode} {Reason}")]
    private partial void LogRefused(long containerId, int code, int subcode, string reason);
}
