using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Pictograph.Media;

/// <summary>Storage keys such as <c>ab/cd/17900000000000102.jpg</c>.</summary>
public static class MediaKey
{
    // Keeps every segment well under the usual 255-byte file name limit.
    private const int MaxLength = 200;

    // All of these are URL-safe, so a key goes into a URL path unescaped.
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789._/-");
    private static readonly SearchValues<char> ExtensionChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    public static bool IsValid([NotNullWhen(true)] string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key.AsSpan().ContainsAnyExcept(Allowed))
        {
            return false;
        }

        // No empty segments (leading/trailing/double slash) and no segment starting with a dot:
        // that rules out "." and "..", and hides the stores' temp files.
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds <c>{2 hex}/{2 hex}/{id}.{extension}</c>; the folders come from a hash of the id
    /// so sequential ids spread over 65,536 folders instead of piling into one.</summary>
    public static string For(long id, string extension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        if (extension.Length is 0 or > 10 || extension.AsSpan().ContainsAnyExcept(ExtensionChars))
        {
            throw new ArgumentException("The extension must be 1-10 lowercase letters or digits.", nameof(extension));
        }

        Span<byte> idBytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(idBytes, id);
        var hash = Convert.ToHexStringLower(SHA256.HashData(idBytes).AsSpan(0, 2));
        return $"{hash[..2]}/{hash[2..]}/{id}.{extension}";
    }

    /// <summary>The content type to serve for a key, from its extension.</summary>
    public static string ContentType(string key) => Path.GetExtension(key) switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".mp4" => "video/mp4",
        _ => "application/octet-stream",
    };
}
