using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pictograph.Graph.Errors;

namespace Pictograph.Graph.Paging;

/// <summary>
/// Opaque, signed paging cursors. A cursor is bound to the connection it came from (the scope, e.g.
/// "User/media/17841400000000101"), so one from another edge or another owner is refused, and it
/// cannot be forged or edited without the key.
/// </summary>
public sealed class CursorCodec(byte[] key)
{
    // "AQH" makes the text start with "QVFI", as Instagram's cursors do.
    private static readonly byte[] Magic = "AQH"u8.ToArray();
    private const int PayloadLength = 3 + 8 + 8 + 4;
    private const int MacLength = 16;
    private const int EncodedMaxLength = 64;

    private readonly byte[] _key = key.Length >= 16 ? key : throw new ArgumentException("The cursor key is too short.", nameof(key));

    public string Encode(string scope, CursorKey cursor)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteInt64BigEndian(buffer[3..], cursor.Primary);
        BinaryPrimitives.WriteInt64BigEndian(buffer[11..], cursor.Secondary);
        BinaryPrimitives.WriteInt32BigEndian(buffer[19..], cursor.Position);
        Mac(scope, buffer[..PayloadLength], buffer[PayloadLength..]);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a cursor; a malformed, tampered or foreign one is a (#100) error naming the parameter.</summary>
    public CursorKey Decode(string scope, string text, string parameter)
    {
        if (!TryDecode(scope, text, out var cursor))
        {
            throw GraphErrors.InvalidCursor(parameter);
        }

        return cursor;
    }

    public bool TryDecode(string scope, string text, out CursorKey cursor)
    {
        cursor = default;
        if (text.Length is 0 or > EncodedMaxLength)
        {
            return false;
        }

        // Accept both base64 alphabets and missing padding: clients sometimes re-encode cursors.
        var normal = text.Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '=');
        Span<byte> buffer = stackalloc byte[48];
        if (!Convert.TryFromBase64String(normal, buffer, out var length) || length != PayloadLength + MacLength)
        {
            return false;
        }

        var payload = buffer[..PayloadLength];
        Span<byte> expected = stackalloc byte[MacLength];
        Mac(scope, payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer.Slice(PayloadLength, MacLength))
            || !payload[..3].SequenceEqual(Magic))
        {
            return false;
        }

        var position = BinaryPrimitives.ReadInt32BigEndian(payload[19..]);
        if (position < 0)
        {
            return false;
        }

        cursor = new CursorKey(
            BinaryPrimitives.ReadInt64BigEndian(payload[3..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[11..]),
            position);
        return true;
    }

    private void Mac(string scope, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var message = new byte[scopeBytes.Length + 1 + payload.Length];
        scopeBytes.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(scopeBytes.Length + 1));
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, message, full);
        full[..MacLength].CopyTo(destination);
    }
}
