using System.Globalization;

namespace Pictograph.Publishing.Pipeline;

/// <summary>Instagram's video specs (reference §5.8); each violation names the rule and the value found.</summary>
internal static class VideoRules
{
    public const double MinSeconds = 3;
    public const double MaxSeconds = 15 * 60;
    public const double MaxStorySeconds = 60;
    public const double MinFramesPerSecond = 23;
    public const double MaxFramesPerSecond = 60;
    public const int MaxWidth = 1920;
    public const int MaxSampleRate = 48_000;
    public const double MinAspectRatio = 0.01;
    public const double MaxAspectRatio = 10;

    /// <summary>Tolerance for frame rates and durations that are a rounding away from a limit (59.94 fps, 2.9995 s).</summary>
    private const double Slack = 0.01;

    private static readonly string[] VideoCodecs = ["h264", "hevc"];

    /// <summary>The checked video stream.</summary>
    /// <exception cref="PublishingException">352 / 2207026 on the first rule broken.</exception>
    public static VideoInfo.VideoStream Check(VideoInfo info, VideoPurpose purpose)
    {
        var video = info.Video ?? throw Refuse("The file has no video stream.");
        if (!VideoCodecs.Contains(video.Codec))
        {
            throw Refuse($"The video codec must be H.264 or HEVC; found {video.Codec}.");
        }

        if (info.Audio is { } audio)
        {
            if (audio.Codec != "aac")
            {
                throw Refuse($"The audio codec must be AAC; found {audio.Codec}.");
            }

            if (audio.SampleRate > MaxSampleRate)
            {
                throw Refuse($"The audio sample rate must be 48 kHz or less; found {audio.SampleRate} Hz.");
            }
        }

        if (video.FramesPerSecond is not { } fps || fps < MinFramesPerSecond - Slack || fps > MaxFramesPerSecond + Slack)
        {
            throw Refuse($"The frame rate must be 23 to 60 fps; found {Format(video.FramesPerSecond)} fps.");
        }

        if (video.Width <= 0 || video.Height <= 0)
        {
            throw Refuse("The video has no width or height.");
        }

        if (video.Width > MaxWidth)
        {
            throw Refuse($"The video must be at most {MaxWidth} pixels wide; found {video.Width}.");
        }

        var ratio = (double)video.Width / video.Height;
        if (ratio < MinAspectRatio || ratio > MaxAspectRatio)
        {
            throw Refuse($"The aspect ratio must be between 0.01:1 and 10:1; found {video.Width}:{video.Height}.");
        }

        var maxSeconds = purpose == VideoPurpose.Story ? MaxStorySeconds : MaxSeconds;
        if (info.DurationSeconds is not { } seconds || seconds < MinSeconds - Slack || seconds > maxSeconds + Slack)
        {
            throw Refuse($"The duration must be {MinSeconds:0} to {maxSeconds:0} seconds; found {Format(info.DurationSeconds)} s.");
        }

        return video;
    }

    private static PublishingException Refuse(string rule) => MediaErrors.UnsupportedVideo(rule);

    private static string Format(double? value) =>
        value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "none";
}
