using Pictograph.Publishing.Pipeline;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// What the publishing pipeline reads of a downloaded file before any decoder sees it: the magic-byte sniffer
/// and the JPEG segment reader (MPO/JPS flavours, the frame, and the decode cost computed from it). Both answer
/// for any bytes (a malformed file is "not known" for the decoder to refuse) and throw nothing.
/// </summary>
internal static class JpegTarget
{
    // One file, rewritten for each input (afl runs one input at a time): the reader takes a path, as the pipeline hands it one.
    private static readonly string Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pictograph-fuzz-input.jpg");

    public static void Run(byte[] input)
    {
        ContentSniffer.Sniff(input);
        File.WriteAllBytes(Path, input);
        if (ContentSniffer.Sniff(Path) != ContentSniffer.Sniff(input.AsSpan(0, Math.Min(input.Length, 512))))
        {
            throw new InvalidOperationException("Sniffing the file and its first bytes disagree.");
        }

        var header = JpegMarkers.Read(Path);
        if (header.Frame is { } frame && frame.CoefficientBytes() < 0)
        {
            throw new InvalidOperationException($"A negative decode cost for {frame}.");
        }
    }
}
