namespace Pictograph.Publishing.Pipeline;

/// <summary>
/// Spots the JPEG flavours Instagram refuses although they decode as JPEG: MPO (several pictures, marked by
/// an APP2 "MPF" segment) and JPS (stereo pairs, APP3 "_JPSJPS_"). Only the segments before the image data
/// are read.
/// </summary>
internal static class JpegMarkers
{
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private const byte App2 = 0xE2;
    private const byte App3 = 0xE3;
    private const int MaxSegments = 256;

    public static bool IsMultiPictureOrStereo(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> marker = stackalloc byte[4];
        Span<byte> signature = stackalloc byte[8];
        file.Position = 2;
        for (var segment = 0; segment < MaxSegments; segment++)
        {
            if (file.ReadAtLeast(marker, marker.Length, throwOnEndOfStream: false) < marker.Length || marker[0] != 0xFF)
            {
                return false; // malformed: the decoder will say so
            }

            if (marker[1] is StartOfScan or EndOfImage)
            {
                return false;
            }

            var next = file.Position + ((marker[2] << 8) | marker[3]) - 2;
            if (marker[1] is App2 or App3)
            {
                var read = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
                if ((marker[1] == App2 && read >= 4 && signature[..4].SequenceEqual("MPF\0"u8))
                    || (marker[1] == App3 && read == signature.Length && signature.SequenceEqual("_JPSJPS_"u8)))
                {
                    return true;
                }
            }

            file.Position = next;
        }

        return false;
    }
}
