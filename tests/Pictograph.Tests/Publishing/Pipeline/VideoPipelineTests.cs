using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using NetVips;
using Pictograph.Data;
using Pictograph.Publishing.Pipeline;
using static Pictograph.Tests.Publishing.Pipeline.PipelineAssert;

namespace Pictograph.Tests.Publishing.Pipeline;

public sealed class VideoPipelineTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private readonly MediaHost host = fixture.Host;
    private readonly MediaPipeline pipeline = fixture.Pipeline;

    private Task<ProcessedMedia> Process(string url, VideoPurpose purpose = VideoPurpose.Reels, long thumbOffsetMs = 0, string? coverUrl = null) =>
        pipeline.ProcessVideoAsync(url, purpose, thumbOffsetMs, coverUrl, CancellationToken.None);

    private string Clip(string path, double seconds = 4, int width = 320, int height = 240, int fps = 30) =>
        host.Serve(path, TestMedia.Mp4(seconds, width, height, fps), "video/mp4");

    [Fact]
    public async Task A_valid_mp4_is_remuxed_with_faststart_and_gets_a_thumbnail()
    {
        using var media = await Process(Clip("/clip.mp4"));

        Assert.Equal((MediaType.Video, 320, 240), (media.Type, media.Width, media.Height));
        Assert.InRange(media.DurationSeconds!.Value, 3.9, 4.1);
        Assert.EndsWith(".mp4", media.FilePath, StringComparison.Ordinal);
        var boxes = TopLevelBoxes(File.ReadAllBytes(media.FilePath));
        Assert.Equal("ftyp", boxes[0]);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), $"moov must come before mdat: {string.Join(' ', boxes)}");

        Assert.NotNull(media.ThumbnailPath);
        IsJpeg(media.ThumbnailPath);
        using var thumbnail = Image.NewFromFile(media.ThumbnailPath);
        Assert.Equal((320, 240), (thumbnail.Width, thumbnail.Height));

        media.Dispose();
        Assert.False(File.Exists(media.FilePath) || File.Exists(media.ThumbnailPath));
    }

    [Fact]
    public async Task The_thumbnail_offset_picks_the_frame()
    {
        var url = Clip("/offsets.mp4");

        using var first = await Process(url, thumbOffsetMs: 0);
        using var later = await Process(url, thumbOffsetMs: 3000);
        using var laterAgain = await Process(url, thumbOffsetMs: 3000);
        using var last = await Process(url, thumbOffsetMs: 3999);

        Assert.InRange(Difference(later, laterAgain), 0, 0.5);
        Assert.InRange(Difference(first, later), 5, 255);
        Assert.True(File.Exists(last.ThumbnailPath));
    }

    [Fact]
    public async Task A_portrait_phone_video_stored_landscape_reports_its_displayed_size()
    {
        var url = host.Serve("/portrait.mp4", TestMedia.Mp4(3.5, 320, 240, rotation: 90), "video/mp4");

        using var media = await Process(url);

        Assert.Equal((240, 320), (media.Width, media.Height));
        using var thumbnail = Image.NewFromFile(media.ThumbnailPath!);
        Assert.Equal((320, 427), (thumbnail.Width, thumbnail.Height)); // upright, then upscaled to 320 wide
    }

    [Fact]
    public async Task A_cover_url_is_the_thumbnail()
    {
        var cover = host.Serve("/cover.jpg", TestMedia.Jpeg(600, 900), "image/jpeg");

        using var media = await Process(Clip("/with-cover.mp4"), coverUrl: cover);

        using var thumbnail = Image.NewFromFile(media.ThumbnailPath!);
        Assert.Equal((600, 900), (thumbnail.Width, thumbnail.Height));
        Assert.Equal((320, 240), (media.Width, media.Height));
    }

    [Fact]
    public async Task A_cover_that_is_not_a_jpeg_fails_like_an_image()
    {
        var cover = host.Serve("/cover.png", TestMedia.Png(600, 900), "image/jpeg");

        await RefusedAsync(36001, 2207005, () => Process(Clip("/with-png-cover.mp4"), coverUrl: cover));
    }

    [Fact]
    public async Task A_two_second_video_is_too_short()
    {
        var error = await RefusedAsync(352, 2207026, () => Process(Clip("/short.mp4", seconds: 2)));

        Assert.Contains("duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_longer_than_a_minute_is_refused()
    {
        var url = Clip("/long-story.mp4", seconds: 61, width: 32, height: 32, fps: 24);

        var error = await RefusedAsync(352, 2207026, () => Process(url, VideoPurpose.Story));

        Assert.Contains("3 to 60 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_rate_below_23_is_refused()
    {
        var error = await RefusedAsync(352, 2207026, () => Process(Clip("/slideshow.mp4", seconds: 3.5, width: 64, height: 48, fps: 15)));

        Assert.Contains("frame rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_wider_than_1920_is_refused()
    {
        var error = await RefusedAsync(352, 2207026, () => Process(Clip("/wide.mp4", seconds: 3.5, width: 1936, height: 200)));

        Assert.Contains("found 1936", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(-1)]
    public async Task A_thumbnail_offset_outside_the_video_is_refused(long offsetMs)
    {
        await RefusedAsync(1, 2207057, () => Process(Clip($"/offset-{offsetMs}.mp4"), thumbOffsetMs: offsetMs));
    }

    [Fact]
    public async Task A_jpeg_given_as_video_is_an_unsupported_video_format()
    {
        await RefusedAsync(352, 2207026, () => Process(host.Serve("/photo-as-video.jpg", TestMedia.Jpeg(400, 400), "video/mp4")));
    }

    [Fact]
    public async Task A_damaged_mp4_is_an_unsupported_video_format()
    {
        var video = TestMedia.Mp4(4, 320, 240);
        byte[] damaged = [.. video[..32], .. new byte[2048]];

        await RefusedAsync(352, 2207026, () => Process(host.Serve("/damaged.mp4", damaged, "video/mp4")));
    }

    [Fact]
    public async Task A_video_url_that_cannot_be_fetched_fails_like_any_fetch()
    {
        await RefusedAsync(9004, 2207052, () => Process(host.NotFound("/missing.mp4")));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_probe_that_hangs_is_killed_after_the_process_timeout()
    {
        var folder = Directory.CreateTempSubdirectory("pictograph-hanging-probe-").FullName;
        try
        {
            var hanging = Path.Combine(folder, "ffprobe");
            File.WriteAllText(hanging, "#!/bin/sh\nexec sleep 30\n");
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            using var services = PipelineServices.WithLoopback(
                ("Pictograph:Publishing:FfprobePath", hanging), ("Pictograph:Publishing:ProcessTimeout", "00:00:01"));
            var stopwatch = Stopwatch.StartNew();

            var error = await RefusedAsync(352, 2207026, () => services.Pipeline.ProcessVideoAsync(Clip("/hangs.mp4"), VideoPurpose.Reels, 0, null, CancellationToken.None));

            Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_ffprobe_is_a_configuration_error_not_a_publishing_error()
    {
        using var services = PipelineServices.WithLoopback(("Pictograph:Publishing:FfprobePath", "/nonexistent/ffprobe"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => services.Pipeline.ProcessVideoAsync(Clip("/no-probe.mp4"), VideoPurpose.Reels, 0, null, CancellationToken.None));
    }

    /// <summary>Mean absolute difference of two thumbnails' pixels (0–255).</summary>
    private static double Difference(ProcessedMedia a, ProcessedMedia b)
    {
        using var left = Image.NewFromFile(a.ThumbnailPath!);
        using var right = Image.NewFromFile(b.ThumbnailPath!);
        using var difference = (left - right).Abs();
        return difference.Avg();
    }

    /// <summary>The types of an ISO media file's top-level boxes, in order.</summary>
    private static List<string> TopLevelBoxes(byte[] file)
    {
        var boxes = new List<string>();
        for (long at = 0; at + 8 <= file.Length;)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)at));
            boxes.Add(Encoding.ASCII.GetString(file, (int)at + 4, 4));
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)at + 8));
            }

            if (size < 8)
            {
                break;
            }

            at += size;
        }

        return boxes;
    }
}
