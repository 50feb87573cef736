namespace Pictograph.Publishing.Pipeline;

/// <summary>The media errors of reference §6.4, with Instagram's titles and messages.</summary>
internal static class MediaErrors
{
    private const string DownloadFailed = "Media download has failed.";

    /// <summary>Not an absolute http(s) URL, unreachable, blocked, non-2xx, or too many redirects.</summary>
    public static PublishingException NotFetched() =>
        new(9004, 2207052, DownloadFailed, "The media could not be fetched from this uri");

    public static PublishingException NotMedia() =>
        new(9004, 2207052, DownloadFailed, "Only photo or video can be accepted as media type.");

    public static PublishingException FetchTimedOut() =>
        new(-2, 2207003, "Timeout", "It took too long to download the media.", isTransient: true);

    public static PublishingException ImageTooLarge(string detail) =>
        new(36000, 2207004, "Image size too large", $"The image is too large to download. {detail}");

    public static PublishingException UnsupportedImage(string? detail = null) =>
        new(36001, 2207005, "Unsupported format", $"The image format is not supported. Supported formats are: JPEG.{(detail is null ? "" : " " + detail)}");

    public static PublishingException AspectRatio(int width, int height) =>
        new(36003, 2207009, "The aspect ratio is not supported.",
            $"The submitted image with aspect ratio ('{width}/{height}') cannot be published. Please submit an image with a valid aspect ratio (4:5 to 1.91:1).");

    /// <summary><paramref name="rule"/> names the rule broken and the value found.</summary>
    public static PublishingException UnsupportedVideo(string rule) =>
        new(352, 2207026, "Unsupported video format", $"The video format is not supported. {rule}");

    public static PublishingException ThumbnailOffset(long offsetMs, double durationSeconds) =>
        new(1, 2207057, "Invalid thumbnail offset",
            $"The thumbnail offset entered is invalid: {offsetMs} ms. It must be greater than or equal to 0 and less than the video duration ({durationSeconds * 1000:0} ms).");
}
