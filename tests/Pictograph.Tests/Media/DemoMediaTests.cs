using System.Diagnostics;
using Pictograph.Seed;

namespace Pictograph.Tests.Media;

public class DemoMediaTests
{
    [Theory]
    [InlineData(1080, 1080)]
    [InlineData(1080, 1350)]
    [InlineData(1080, 566)]
    public void Jpeg_is_a_real_jpeg_of_the_requested_size(int width, int height)
    {
        var bytes = DemoImages.Jpeg(width, height, seed: 1);

        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        using var image = NetVips.Image.NewFromBuffer(bytes);
        Assert.Equal((width, height, 3), (image.Width, image.Height, image.Bands));
    }

    [Fact]
    public void Jpeg_is_deterministic_per_seed_and_distinct_across_seeds()
    {
        Assert.Equal(DemoImages.Jpeg(320, 320, 7), DemoImages.Jpeg(320, 320, 7));
        Assert.NotEqual(DemoImages.Jpeg(320, 320, 7), DemoImages.Jpeg(320, 320, 8));
    }

    [Fact]
    public void Jpeg_has_no_metadata()
    {
        using var image = NetVips.Image.NewFromBuffer(DemoImages.Jpeg(64, 64, 3));
        Assert.DoesNotContain(image.GetFields(), field => field is "exif-data" or "xmp-data" or "icc-profile-data");
    }

    [Fact]
    public void Jpeg_is_fast_enough_to_seed_with()
    {
        DemoImages.Jpeg(1080, 1080, 0); // warm up libvips
        var stopwatch = Stopwatch.StartNew();
        DemoImages.Jpeg(1080, 1080, 42);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 0, 1000); // ~tens of ms; generous for slow CI
    }

    [Fact]
    public void Profile_picture_is_150_square_and_varies_by_seed()
    {
        var bytes = DemoImages.ProfilePicture(5);

        using var image = NetVips.Image.NewFromBuffer(bytes);
        Assert.Equal((150, 150), (image.Width, image.Height));
        Assert.NotEqual(bytes, DemoImages.ProfilePicture(6));
    }

    [Fact]
    public void Demo_video_is_an_embedded_mp4()
    {
        var bytes = DemoAssets.Read(DemoAssets.Video);

        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.InRange(bytes.Length, 1, 150 * 1024);
    }

    [Fact]
    public void Demo_thumbnail_is_a_720_by_1280_jpeg()
    {
        using var image = NetVips.Image.NewFromBuffer(DemoAssets.Read(DemoAssets.VideoThumbnail));
        Assert.Equal((720, 1280), (image.Width, image.Height));
    }

    [Fact]
    public void Unknown_assets_throw() => Assert.Throws<ArgumentException>(() => DemoAssets.Read("nope.bin"));
}
