using System.Globalization;
using System.Text.Json;

namespace Pictograph.Publishing.Pipeline;

/// <summary>Reads a local video file's streams and duration with ffprobe.</summary>
internal sealed class VideoProbe(PipelineOptions options)
{
    public async Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ExternalProcess.Outcome outcome;
        try
        {
            outcome = await ExternalProcess.RunAsync(options.FfprobePath,
                [.. FfmpegArguments.LocalInput(path), "-print_format", "json", "-show_format", "-show_streams"],
                options.ProcessTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw MediaErrors.UnsupportedVideo($"The file could not be read within {options.ProcessTimeout.TotalSeconds:0} s.");
        }

        if (outcome.ExitCode != 0)
        {
            throw MediaErrors.UnsupportedVideo("The file is not a readable MP4 or MOV video.");
        }

        try
        {
            return Parse(outcome.Output);
        }
        catch (JsonException)
        {
            throw MediaErrors.UnsupportedVideo("The file is not a readable MP4 or MOV video.");
        }
    }

    /// <summary>The first real video stream (not cover art) and the first audio stream.</summary>
    private static VideoInfo Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        VideoInfo.VideoStream? video = null;
        VideoInfo.AudioStream? audio = null;
        double? streamDuration = null;
        if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in streams.EnumerateArray())
            {
                var type = Text(stream, "codec_type");
                if (type == "video" && video is null && !IsAttachedPicture(stream))
                {
                    video = ReadVideo(stream);
                    streamDuration = Number(stream, "duration");
                }
                else if (type == "audio" && audio is null)
                {
                    audio = new VideoInfo.AudioStream(Integer(stream, "index") ?? 0, Text(stream, "codec_name") ?? "unknown", Integer(stream, "sample_rate"));
                }
            }
        }

        var duration = root.TryGetProperty("format", out var format) ? Number(format, "duration") : null;
        return new VideoInfo(duration ?? streamDuration, video, audio);
    }

    private static VideoInfo.VideoStream ReadVideo(JsonElement stream)
    {
        var (width, height) = (Integer(stream, "width") ?? 0, Integer(stream, "height") ?? 0);
        if (Math.Abs(Rotation(stream)) % 180 == 90)
        {
            (width, height) = (height, width);
        }

        var fps = Rate(Text(stream, "avg_frame_rate")) ?? Rate(Text(stream, "r_frame_rate"));
        return new VideoInfo.VideoStream(Integer(stream, "index") ?? 0, Text(stream, "codec_name") ?? "unknown", width, height, fps);
    }

    /// <summary>Phones store portrait video landscape with a rotation: a display matrix (ffmpeg 5+) or a "rotate" tag (older).</summary>
    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (Integer(item, "rotation") is { } rotation)
                {
                    return rotation;
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) ? Integer(tags, "rotate") ?? 0 : 0;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition) && Integer(disposition, "attached_pic") == 1;

    /// <summary>"30000/1001" → 29.97; "0/0" (unknown) → null.</summary>
    private static double? Rate(string? fraction)
    {
        var parts = fraction?.Split('/');
        return parts is [var numerator, var denominator]
            && double.TryParse(numerator, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(denominator, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && n > 0 && d > 0
                ? n / d
                : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes some numbers as JSON numbers and some as strings.</summary>
    private static double? Number(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed
        : null;

    private static int? Integer(JsonElement element, string name) =>
        Number(element, name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;
}
