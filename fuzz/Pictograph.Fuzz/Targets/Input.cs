using System.Text;

namespace Pictograph.Fuzz.Targets;

/// <summary>How harnesses read afl's bytes: as UTF-8 text (invalid bytes become U+FFFD, as the server's decoding does), or as parts split at newlines.</summary>
internal static class Input
{
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    /// <summary>The first <paramref name="count"/> parts of the text split at '\n'; the last part keeps any further newlines, missing parts are empty.</summary>
    public static string[] Parts(byte[] input, int count)
    {
        var parts = Text(input).Split('\n', count);
        return parts.Length == count ? parts : [.. parts, .. Enumerable.Repeat("", count - parts.Length)];
    }
}
