using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetVips;

namespace Pictograph.Tests.Publishing;

/// <summary>Real media files to publish in tests: JPEGs (with or without camera metadata), PNGs, MP4s, a decompression bomb, HTML.</summary>
public static class TestMedia
{
    /// <summary>What <see cref="Jpeg"/> writes into the EXIF block when asked to.</summary>
    public const string CameraMake = "PictographCam";

    public const string CameraModel = "Pocket 12";

    /// <summary>EXIF orientation <see cref="Jpeg"/> sets: "rotate 90° clockwise to display", so the picture shows as height × width.</summary>
    public const int Orientation = 6;

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Videos = new();
    /// <summary>
    /// A baseline JPEG with a colour gradient. <paramref name="withExif"/> adds camera make and model, a GPS
    /// latitude and <see cref="Orientation"/>, the metadata publishing must strip.
    /// </summary>
    public static byte[] Jpeg(int width, int height, bool withExif = false)
    {
        using var image = Gradient(width, height);
        if (!withExif)
        {
            return image.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
        }

        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", Exif());
            m.Set(GValue.GIntType, "orientation", Orientation);
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    /// <summary>
    /// A progressive JPEG of the gradient at quality 10, a few hundred KB even at 7000 × 7000. libjpeg holds
    /// every DCT coefficient of such a file while decoding it (2 bytes a sample), whatever the output size;
    /// <paramref name="fullChroma"/> keeps the colour at full resolution (4:4:4), which doubles that.
    /// </summary>
    public static byte[] ProgressiveJpeg(int width, int height, bool fullChroma = false)
    {
        using var image = Gradient(width, height);
        return image.JpegsaveBuffer(q: 10, interlace: true, subsampleMode: fullChroma ? Enums.ForeignSubsample.Off : Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Gradient(width, height);
        return image.PngsaveBuffer();
    }

    /// <summary>
    /// A JPEG of a few hundred bytes whose header claims 30000 × 30000 pixels (900 megapixels, about 2.7 GB
    /// once decoded): only a reader that checks the size before decoding survives it.
    /// </summary>
    public static byte[] Bomb()
    {
        using var small = Image.Black(16, 16, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        var bytes = small.JpegsaveBuffer(keep: Enums.ForeignKeep.None);
        var frame = FindFrameHeader(bytes);
        const ushort Side = 30000;
        // SOFn: marker (2), length (2), precision (1), height (2), width (2), big-endian.
        bytes[frame + 5] = bytes[frame + 7] = Side >> 8;
        bytes[frame + 6] = bytes[frame + 8] = Side & 0xFF;
        return bytes;
    }

    /// <summary>
    /// A 1080 × 1080 JPEG whose header claims 7000 × 7000 pixels: the data ends long before the picture does,
    /// which a lenient decoder fills with grey.
    /// </summary>
    public static byte[] LyingHeader()
    {
        var bytes = Jpeg(1080, 1080);
        var frame = FindFrameHeader(bytes);
        const ushort Side = 7000;
        bytes[frame + 5] = bytes[frame + 7] = Side >> 8;
        bytes[frame + 6] = bytes[frame + 8] = Side & 0xFF;
        return bytes;
    }

    public static byte[] Html() =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><head><title>Photo</title></head><body><img src=\"photo.jpg\"></body></html>\n");

    /// <summary>
    /// An MP4 (H.264 test pattern with a frame counter, AAC 44.1 kHz sine tone) made by ffmpeg, once per
    /// process for each set of arguments. <paramref name="rotation"/> (degrees) adds a display matrix, as
    /// phones do for portrait video stored landscape.
    /// </summary>
    public static byte[] Mp4(double seconds, int width, int height, int fps = 30, int rotation = 0)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{seconds}s-{width}x{height}-{fps}fps-{rotation}deg");
        return Videos.GetOrAdd(key, _ => new Lazy<byte[]>(() => MakeMp4(seconds, width, height, fps, rotation))).Value;
    }

    /// <summary>Made in a folder of its own that is deleted at once: the bytes are cached in memory, nothing is left on disk.</summary>
    private static byte[] MakeMp4(double seconds, int width, int height, int fps, int rotation)
    {
        var folder = Directory.CreateTempSubdirectory("pictograph-test-video-").FullName;
        try
        {
            return MakeMp4(Path.Combine(folder, "video"), seconds, width, height, fps, rotation);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] MakeMp4(string path, double seconds, int width, int height, int fps, int rotation)
    {
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        Ffmpeg(
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=duration={duration}:size={width}x{height}:rate={fps}"),
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={duration}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k", "-shortest", path + ".mp4");
        if (rotation != 0)
        {
            // ffmpeg 5 writes the rotation tag as a display matrix only when copying streams.
            Ffmpeg("-i", path + ".mp4", "-c", "copy", "-metadata:s:v:0", string.Create(CultureInfo.InvariantCulture, $"rotate={rotation}"), path + ".rotated.mp4");
            return File.ReadAllBytes(path + ".rotated.mp4");
        }

        return File.ReadAllBytes(path + ".mp4");
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
        }
    }

    /// <summary>Red grows left to right, green top to bottom: any rotation or flip shows.</summary>
    private static Image Gradient(int width, int height)
    {
        using var xy = Image.Xyz(width, height);
        using var red = xy[0] * (255.0 / width);
        using var green = xy[1] * (255.0 / height);
        using var blue = (xy[0] + xy[1]) * (128.0 / (width + height)) + 64;
        using var joined = red.Bandjoin(green, blue).Cast(Enums.BandFormat.Uchar);
        return joined.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>Offset of the first start-of-frame marker, walking the segments (table bytes may contain 0xFF 0xC0).</summary>
    private static int FindFrameHeader(byte[] jpeg)
    {
        for (var at = 2; at + 4 < jpeg.Length; at += 2 + (jpeg[at + 2] << 8 | jpeg[at + 3]))
        {
            if (jpeg[at] == 0xFF && jpeg[at + 1] is >= 0xC0 and <= 0xC3)
            {
                return at;
            }
        }

        throw new InvalidOperationException("no frame header in the JPEG");
    }

    /// <summary>
    /// An APP1 EXIF payload, little-endian TIFF: IFD0 with Make, Model, Orientation and a pointer to a GPS
    /// IFD holding a latitude (51° 30′ N).
    /// </summary>
    private static byte[] Exif()
    {
        const ushort Ascii = 2, Short = 3, Long = 4, Rational = 5;
        var make = Encoding.ASCII.GetBytes(CameraMake + "\0");
        var model = Encoding.ASCII.GetBytes(CameraModel + "\0");

        // Offsets count from the TIFF header, which follows the 6-byte "Exif\0\0".
        const int Ifd0 = 8, Ifd0Size = 2 + (4 * 12) + 4, GpsSize = 2 + (2 * 12) + 4;
        var makeAt = Ifd0 + Ifd0Size;
        var modelAt = makeAt + make.Length;
        var gpsAt = (modelAt + model.Length + 1) & ~1;
        var latitudeAt = gpsAt + GpsSize;

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("Exif\0\0"u8);
        writer.Write("II"u8);
        writer.Write((ushort)42);
        writer.Write(Ifd0);

        writer.Write((ushort)4);
        Entry(writer, 0x010F, Ascii, make.Length, makeAt);
        Entry(writer, 0x0110, Ascii, model.Length, modelAt);
        Entry(writer, 0x0112, Short, 1, Orientation);
        Entry(writer, 0x8825, Long, 1, gpsAt);
        writer.Write(0);
        writer.Write(make);
        writer.Write(model);
        while (stream.Length - 6 < gpsAt)
        {
            writer.Write((byte)0);
        }

        writer.Write((ushort)2);
        Entry(writer, 0x0001, Ascii, 2, 'N');
        Entry(writer, 0x0002, Rational, 3, latitudeAt);
        writer.Write(0);
        foreach (var (numerator, denominator) in (ReadOnlySpan<(int, int)>)[(51, 1), (30, 1), (0, 1)])
        {
            writer.Write(numerator);
            writer.Write(denominator);
        }

        return stream.ToArray();
    }

    /// <summary>One IFD entry; values of four bytes or fewer sit in the offset field, left-aligned (little-endian).</summary>
    private static void Entry(BinaryWriter writer, ushort tag, ushort type, int count, int valueOrOffset)
    {
        writer.Write(tag);
        writer.Write(type);
        writer.Write(count);
        writer.Write(valueOrOffset);
    }
}
