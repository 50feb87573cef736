namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Reads the segments before a JPEG's image data: the flavours Instagram refuses although they decode as
/// JPEG, MPO (several pictures, marked by an APP2 "MPF" segment) and JPS (stereo pairs, APP3 "_JPSJPS_"),
/// and the frame that says what decoding will cost.
/// </summary>
internal static class JpegMarkers
{
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private const byte App2 = 0xE2;
    private const byte App3 = 0xE3;
    private const byte DefineHuffmanTables = 0xC4;
    private const byte Jpg = 0xC8;
    private const byte DefineArithmeticCoding = 0xCC;
    private const int MaxSegments = 256;

    public static JpegHeader Read(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> marker = stackalloc byte[4];
        Span<byte> signature = stackalloc byte[8];
        JpegFrame? frame = null;
        file.Position = 2;
        for (var segment = 0; segment < MaxSegments; segment++)
        {
            if (file.ReadAtLeast(marker, marker.Length, throwOnEndOfStream: false) < marker.Length || marker[0] != 0xFF || marker[1] == EndOfImage)
            {
                return new JpegHeader(false, null); // malformed: the decoder will say so
            }

            var length = (marker[2] << 8) | marker[3];
            var next = file.Position + length - 2;
            if (marker[1] == StartOfScan)
            {
                var components = file.ReadByte();
                return new JpegHeader(false, frame is null || components < 0 ? null : frame with { FirstScanComponents = components });
            }

            if (marker[1] is App2 or App3)
            {
                var read = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
                if ((marker[1] == App2 && read >= 4 && signature[..4].SequenceEqual("MPF\0"u8))
                    || (marker[1] == App3 && read == signature.Length && signature.SequenceEqual("_JPSJPS_"u8)))
                {
                    return new JpegHeader(true, null);
                }
            }
            else if (marker[1] is >= 0xC0 and <= 0xCF and not DefineHuffmanTables and not Jpg and not DefineArithmeticCoding)
            {
                frame = ReadFrame(file, marker[1], length - 2);
            }

            file.Position = next;
        }

        return new JpegHeader(false, null);
    }

    /// <summary>A start-of-frame segment: precision, height, width, then id, sampling factors and table per component.</summary>
    private static JpegFrame? ReadFrame(Stream file, byte marker, int length)
    {
        Span<byte> body = stackalloc byte[Math.Clamp(length, 0, 6 + (3 * 255))];
        if (length < 6 || file.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length || body[5] == 0 || body.Length < 6 + (3 * body[5]))
        {
            return null;
        }

        var sampling = new (int H, int V)[body[5]];
        for (var c = 0; c < sampling.Length; c++)
        {
            var factors = body[6 + (3 * c) + 1];
            sampling[c] = (factors >> 4, factors & 0x0F);
        }

        // SOF2, SOF6, SOF10 and SOF14 are the progressive processes.
        var progressive = (marker & 0x03) == 0x02;
        return new JpegFrame((body[3] << 8) | body[4], (body[1] << 8) | body[2], progressive, sampling, sampling.Length);
    }
}

/// <param name="Frame">Null when the segments could not be read; the decoder then says what is wrong.</param>
internal sealed record JpegHeader(bool IsMultiPictureOrStereo, JpegFrame? Frame);

/// <param name="Sampling">Each component's horizontal and vertical sampling factors.</param>
/// <param name="FirstScanComponents">How many components the first scan holds.</param>
internal sealed record JpegFrame(int Width, int Height, bool IsProgressive, IReadOnlyList<(int H, int V)> Sampling, int FirstScanComponents)
{
    private const int BlockBytes = 64 * sizeof(short);

    /// <summary>
    /// The bytes libjpeg allocates to hold every DCT coefficient of the picture, which it does when the data
    /// comes in several scans (progressive, or a first scan without every component): no pixel can be
    /// produced, at any scale, before the last scan. Zero for a single-scan file, which decodes row by row.
    /// </summary>
    public long CoefficientBytes()
    {
        if (!IsProgressive && FirstScanComponents >= Sampling.Count)
        {
            return 0;
        }

        var maxH = Math.Max(1, Sampling.Max(s => s.H));
        var maxV = Math.Max(1, Sampling.Max(s => s.V));
        long total = 0;
        foreach (var (h, v) in Sampling)
        {
            // As jdcoefct.c sizes its arrays: blocks per component, rounded up to whole MCUs.
            var blocksWide = RoundUp(DivideRoundingUp((long)Width * h, 8L * maxH), h);
            var blocksHigh = RoundUp(DivideRoundingUp((long)Height * v, 8L * maxV), v);
            total += blocksWide * blocksHigh * BlockBytes;
        }

        return total;
    }

    private static long DivideRoundingUp(long value, long divisor) => (value + divisor - 1) / divisor;

    private static long RoundUp(long value, int multiple) => multiple <= 1 ? value : DivideRoundingUp(value, multiple) * multiple;
}
