namespace Pictograph.Publishing.Pipeline;

/// <summary>Arguments shared by every ffmpeg and ffprobe run.</summary>
internal static class FfmpegArguments
{
    /// <summary>
    /// The input: a local file only, read as ISO media. The protocol whitelist stops a crafted file from making
    /// ffmpeg open URLs or other files, and forcing the demuxer stops content-based format guessing.
    /// <paramref name="inputOptions"/> go before <c>-i</c> (e.g. a seek).
    /// </summary>
    public static string[] LocalInput(string path, params string[] inputOptions) =>
        ["-v", "error", "-protocol_whitelist", "file", "-f", "mov", .. inputOptions, "-i", "file:" + path];
}
