using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Pictograph.Data;

/// <summary>Instagram-style shortcodes: 11 base64url characters, derived from the media id (stable across seeds).</summary>
public static class Shortcodes
{
    public static string For(long mediaId)
    {
        Span<byte> id = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(id, mediaId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id, hash);
        return Base64Url.EncodeToString(hash[..8]);
    }
}
