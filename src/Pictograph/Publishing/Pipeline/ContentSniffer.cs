using System.Buffers.Binary;
using System.Text;

namespace Pictograph.Publishing.Pipeline;

/// <summary>What a downloaded file is, by its magic bytes; the server's Content-Type header is never trusted.</summary>
internal enum MediaKind
{
    /// <summary>Neither a picture nor a video (HTML, text, archives…).</summary>
    Unknown,
    Jpeg,

    /// <summary>PNG, GIF, WebP, HEIC, AVIF, TIFF, BMP, JPEG 2000, JPEG XL, PSD.</summary>
    OtherImage,

    /// <summary>ISO base media (MP4, MOV, 3GP): an <c>ftyp</c> box whose brand is not an image brand.</summary>
    IsoVideo,

    /// <summary>WebM/Matroska, AVI, FLV, Ogg, ASF, MPEG program and transport streams.</summary>
    OtherVideo,
}

internal static class ContentSniffer
{
    /// <summary>Enough for every signature, including three MPEG-TS packets of 188 bytes.</summary>
    private const int HeadLength = 512;

    /// <summary>HEIF/AVIF brands: these <c>ftyp</c> files are still pictures, not videos.</summary>
    private static readonly string[] ImageBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis", "jxl ", "crx "];

    public static MediaKind Sniff(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        using var file = File.OpenRead(path);
        return Sniff(head[..file.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false)]);
    }

    public static MediaKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaKind.Jpeg;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return ImageBrands.Contains(brand) ? MediaKind.OtherImage : MediaKind.IsoVideo;
        }

        if (IsOtherImage(head))
        {
            return MediaKind.OtherImage;
        }

        return IsOtherVideo(head) ? MediaKind.OtherVideo : MediaKind.Unknown;
    }

    private static bool IsOtherImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)
        || (head.StartsWith("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8))
        || head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)
        || (head.StartsWith("BM"u8) && head.Length >= 14 && BinaryPrimitives.ReadUInt32LittleEndian(head[6..10]) == 0) // reserved fields are zero
        || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' '])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A])
        || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' '])
        || head.StartsWith("8BPS"u8);

    private static bool IsOtherVideo(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])
        || (head.StartsWith("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("AVI "u8))
        || head.StartsWith("FLV\x01"u8)
        || head.StartsWith("OggS"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11])
        || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA])
        || (head.Length >= 377 && head[0] == 0x47 && head[188] == 0x47 && head[376] == 0x47);
}
