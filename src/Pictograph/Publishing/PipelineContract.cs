using Pictograph.Data;

namespace Pictograph.Publishing.Pipeline;

public sealed class PublishingException(int code, int subcode, string title, string message, bool isTransient = false) : Exception(message)
{
    public int Code { get; } = code;

    public int Subcode { get; } = subcode;

    public string UserTitle { get; } = title;

    public bool IsTransient { get; } = isTransient;
}

public enum ImagePurpose
{
    Feed,
    CarouselItem,
    Story,
    Cover,
}

public enum VideoPurpose
{
    Feed,
    CarouselItem,
    Reels,
    Story,
}

public sealed class ProcessedMedia : IDisposable
{
    public MediaType Type { get; init; }

    public required string FilePath { get; init; }

    public string? ThumbnailPath { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public double? DurationSeconds { get; init; }

    public void Dispose()
    {
    }
}

public sealed class MediaPipeline
{
    public Task<ProcessedMedia> ProcessImageAsync(string imageUrl, ImagePurpose purpose, CancellationToken cancellationToken) =>
        throw new PublishingException(-1, 2207001, imageUrl, purpose.ToString());

    public Task<ProcessedMedia> ProcessVideoAsync(string videoUrl, VideoPurpose purpose, long thumbOffsetMs, string? coverUrl, CancellationToken cancellationToken) =>
        throw new PublishingException(-1, 2207001, videoUrl, purpose.ToString() + thumbOffsetMs + coverUrl);
}

public static class PipelineSetup
{
    public static IServiceCollection AddMediaPipeline(this IServiceCollection services) => services.AddSingleton<MediaPipeline>();
}
