using NetVips;

namespace Pictograph.Tests.Publishing.Pipeline;

/// <summary>The generated media are what the pipeline tests take them for, so a refusal or a stripped tag proves something.</summary>
public class TestMediaTests
{
    [Fact]
    public void Jpeg_with_exif_carries_camera_gps_and_orientation_tags()
    {
        using var image = Image.NewFromBuffer(TestMedia.Jpeg(64, 48, withExif: true));

        Assert.Equal("jpegload_buffer", image.Get("vips-loader"));
        Assert.StartsWith(TestMedia.CameraMake, (string)image.Get("exif-ifd0-Make"), StringComparison.Ordinal);
        Assert.StartsWith(TestMedia.CameraModel, (string)image.Get("exif-ifd0-Model"), StringComparison.Ordinal);
        Assert.StartsWith("51", (string)image.Get("exif-ifd3-GPSLatitude"), StringComparison.Ordinal);
        Assert.Equal(TestMedia.Orientation, (int)image.Get("orientation"));
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public void Bomb_is_tiny_but_claims_900_megapixels()
    {
        var bomb = TestMedia.Bomb();

        using var header = Image.NewFromBuffer(bomb, access: Enums.Access.Sequential);
        Assert.Equal((30000, 30000), (header.Width, header.Height));
        Assert.InRange(bomb.Length, 1, 4096);
    }

    [Fact]
    public void Png_is_a_png()
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], TestMedia.Png(8, 8)[..4]);
    }

    [Fact]
    public void Mp4_is_an_iso_media_file_and_is_made_once()
    {
        var video = TestMedia.Mp4(1, 64, 48);

        Assert.Equal("ftyp"u8.ToArray(), video[4..8]);
        Assert.Same(video, TestMedia.Mp4(1, 64, 48));
    }
}
