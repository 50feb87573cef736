namespace Pictograph.Publishing.Pipeline;

/// <summary>What ffprobe found in a video file. Width and height are as displayed (rotation applied).</summary>
internal sealed record VideoInfo(
    double? DurationSeconds,
    VideoInfo.VideoStream? Video,
    VideoInfo.AudioStream? Audio)
{
    public sealed record VideoStream(int Index, string Codec, int Width, int Height, double? FramesPerSecond);

    public sealed record AudioStream(int Index, string Codec, int? SampleRate);
}
