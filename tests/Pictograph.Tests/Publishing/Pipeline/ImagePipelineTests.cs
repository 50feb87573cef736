using System.Diagnostics;
using System.Text;
using NetVips;
using Pictograph.Data;
using Pictograph.Publishing.Pipeline;
using static Pictograph.Tests.Publishing.Pipeline.PipelineAssert;

namespace Pictograph.Tests.Publishing.Pipeline;

public sealed class ImagePipelineTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private readonly MediaHost host = fixture.Host;
    private readonly MediaPipeline pipeline = fixture.Pipeline;

    private Task<ProcessedMedia> Process(string url, ImagePurpose purpose = ImagePurpose.Feed) =>
        pipeline.ProcessImageAsync(url, purpose, CancellationToken.None);

    [Fact]
    public async Task A_12_megapixel_photo_comes_out_1080_wide_as_a_baseline_jpeg()
    {
        var url = host.Serve("/big.jpg", TestMedia.Jpeg(4000, 3000), "image/jpeg");

        using var media = await Process(url);

        Assert.Equal((MediaType.Image, 1080, 810), (media.Type, media.Width, media.Height));
        Assert.Null(media.ThumbnailPath);
        Assert.Null(media.DurationSeconds);
        Assert.EndsWith(".jpg", media.FilePath, StringComparison.Ordinal);
        IsJpeg(media.FilePath);
        using var output = Image.NewFromFile(media.FilePath);
        Assert.Equal(("jpegload", 1080, 810, 3), ((string)output.Get("vips-loader"), output.Width, output.Height, output.Bands));
        Assert.Equal(Enums.Interpretation.Srgb, output.Interpretation);
        Assert.False(output.GetTypeOf("interlaced") != IntPtr.Zero && (int)output.Get("interlaced") != 0, "the output must be baseline, not progressive");
    }

    [Fact]
    public async Task Exif_gps_and_camera_tags_are_stripped_after_the_orientation_is_applied()
    {
        var url = host.Serve("/camera.jpg", TestMedia.Jpeg(500, 450, withExif: true), "image/jpeg");

        using var media = await Process(url);

        // Orientation 6 displays the 500 × 450 picture as 450 × 500.
        Assert.Equal((450, 500), (media.Width, media.Height));
        using var output = Image.NewFromFile(media.FilePath);
        Assert.Equal((450, 500), (output.Width, output.Height));
        Assert.DoesNotContain(output.GetFields(), field =>
            field.StartsWith("exif-", StringComparison.Ordinal) || field is "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation");
        var bytes = File.ReadAllBytes(media.FilePath);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TestMedia.CameraMake)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif\0\0"u8));
    }

    [Fact]
    public async Task A_narrow_photo_is_upscaled_to_320_wide()
    {
        var url = host.Serve("/small.jpg", TestMedia.Jpeg(300, 300), "image/jpeg");

        using var media = await Process(url);

        Assert.Equal((320, 320), (media.Width, media.Height));
    }

    [Fact]
    public async Task The_content_type_header_is_ignored_for_a_jpeg()
    {
        var url = host.Serve("/disguised.jpg", TestMedia.Jpeg(400, 400), "text/html");

        using var media = await Process(url);

        Assert.Equal(400, media.Width);
    }

    [Fact]
    public async Task Disposing_deletes_the_output()
    {
        var media = await Process(host.Serve("/deleted.jpg", TestMedia.Jpeg(400, 400), "image/jpeg"));
        Assert.True(File.Exists(media.FilePath));

        media.Dispose();

        Assert.False(File.Exists(media.FilePath));
    }

    [Fact]
    public async Task One_pipeline_serves_concurrent_callers()
    {
        var urls = Enumerable.Range(0, 6).Select(i => host.Serve($"/concurrent-{i}.jpg", TestMedia.Jpeg(400 + (10 * i), 400), "image/jpeg")).ToList();

        var results = await Task.WhenAll(urls.Select(url => Task.Run(() => Process(url))));

        try
        {
            Assert.Equal([400, 410, 420, 430, 440, 450], results.Select(media => media.Width));
            Assert.Equal(results.Length, results.Select(media => media.FilePath).Distinct().Count());
        }
        finally
        {
            foreach (var media in results)
            {
                media.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_png_labelled_as_jpeg_is_an_unsupported_format()
    {
        var url = host.Serve("/photo.png", TestMedia.Png(400, 400), "image/jpeg");

        await RefusedAsync(36001, 2207005, () => Process(url));
    }

    [Fact]
    public async Task A_video_given_as_image_is_an_unsupported_format()
    {
        var url = host.Serve("/clip-as-image.mp4", TestMedia.Mp4(3.5, 64, 48), "image/jpeg");

        await RefusedAsync(36001, 2207005, () => Process(url));
    }

    [Fact]
    public async Task An_mpo_is_an_unsupported_format()
    {
        var jpeg = TestMedia.Jpeg(400, 400);
        byte[] multiPicture = [0xFF, 0xE2, 0x00, 0x0A, (byte)'M', (byte)'P', (byte)'F', 0, (byte)'I', (byte)'I', 0x2A, 0];
        var url = host.Serve("/stereo.mpo", [.. jpeg[..2], .. multiPicture, .. jpeg[2..]], "image/jpeg");

        await RefusedAsync(36001, 2207005, () => Process(url));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task A_corrupt_jpeg_is_an_unsupported_format(string damage)
    {
        var jpeg = TestMedia.Jpeg(600, 600);
        byte[] body = damage == "truncated" ? jpeg[..(jpeg.Length / 2)] : [0xFF, 0xD8, 0xFF, .. Encoding.ASCII.GetBytes(new string('x', 500))];
        var url = host.Serve($"/{damage}.jpg", body, "image/jpeg");

        await RefusedAsync(36001, 2207005, () => Process(url));
    }

    [Fact]
    public async Task A_header_claiming_more_pixels_than_the_data_holds_is_an_unsupported_format()
    {
        var url = host.Serve("/lying-header.jpg", TestMedia.LyingHeader(), "image/jpeg");

        var error = await RefusedAsync(36001, 2207005, () => Process(url));

        Assert.Contains("corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_is_not_media()
    {
        var url = host.Serve("/page.html", TestMedia.Html(), "image/jpeg");

        var error = await RefusedAsync(9004, 2207052, () => Process(url));

        Assert.Equal("Only photo or video can be accepted as media type.", error.Message);
    }

    [Fact]
    public async Task An_endless_body_is_cut_off_at_the_image_size_limit()
    {
        var url = host.Endless("/endless.jpg");

        var error = await RefusedAsync(36000, 2207004, () => Process(url));

        Assert.Equal("Image size too large", error.UserTitle);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_without_decoding()
    {
        var url = host.Serve("/bomb.jpg", TestMedia.Bomb(), "image/jpeg");
        using (await Process(host.Serve("/warm-up.jpg", TestMedia.Jpeg(320, 320), "image/jpeg")))
        {
        }

        var stopwatch = Stopwatch.StartNew();
        var error = await RefusedAsync(36000, 2207004, () => Process(url));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Contains("30000×30000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ImagePurpose.Feed)]
    [InlineData(ImagePurpose.CarouselItem)]
    public async Task A_3_to_1_panorama_is_refused_in_the_feed(ImagePurpose purpose)
    {
        var url = host.Serve($"/panorama-{purpose}.jpg", TestMedia.Jpeg(900, 300), "image/jpeg");

        await RefusedAsync(36003, 2207009, () => Process(url, purpose));
    }

    [Theory]
    [InlineData(ImagePurpose.Story)]
    [InlineData(ImagePurpose.Cover)]
    public async Task A_3_to_1_panorama_is_fine_as_story_or_cover(ImagePurpose purpose)
    {
        var url = host.Serve($"/panorama-{purpose}.jpg", TestMedia.Jpeg(900, 300), "image/jpeg");

        using var media = await Process(url, purpose);

        Assert.Equal((900, 300), (media.Width, media.Height));
    }

    [Theory]
    [InlineData(800, 1000)]
    [InlineData(955, 500)]
    public async Task The_aspect_ratio_limits_themselves_pass(int width, int height)
    {
        var url = host.Serve($"/limit-{width}x{height}.jpg", TestMedia.Jpeg(width, height), "image/jpeg");

        using var media = await Process(url);

        Assert.Equal(width, media.Width);
    }
}
