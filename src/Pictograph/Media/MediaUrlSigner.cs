using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pictograph.Hosting;

namespace Pictograph.Media;

public enum MediaUrlCheck
{
    Valid,
    Missing,
    Malformed,
    BadSignature,
    Expired,
}

/// <summary>
/// Signs media URLs the way Instagram's CDN does: <c>?oe=</c> is the expiry (unix seconds, 8 uppercase hex)
/// and <c>?oh=</c> an HMAC over key and expiry, so URLs expire and cannot be forged for other keys.
/// </summary>
public sealed class MediaUrlSigner(ServerSecret secret, IOptions<PictographOptions> options, TimeProvider timeProvider)
{
    private const int SignatureBytes = 32;
    private const int SignatureChars = 43; // base64url of 32 bytes, no padding
    private const long Hour = 3600;

    private readonly byte[] signingKey = secret.Derive("media-url");

    /// <summary>Returns <c>{origin}/media/{key}?oe=…&amp;oh=…</c>; origin has no trailing slash.</summary>
    public string Sign(string origin, string key) => Sign(origin, key, out _);

    /// <summary>As <see cref="Sign(string, string)"/>; <paramref name="changesAt"/> is when the same call starts giving another URL.</summary>
    public string Sign(string origin, string key, out DateTimeOffset changesAt)
    {
        if (!MediaKey.IsValid(key))
        {
            throw new ArgumentException($"Invalid media key '{key}'.", nameof(key));
        }

        // Rounded up to the hour so every URL for a key is identical within an hour,
        // which keeps API responses and HTTP caches stable.
        var lifetime = (long)Math.Ceiling(options.Value.MediaUrlLifetime.TotalSeconds);
        var expires = timeProvider.GetUtcNow().ToUnixTimeSeconds() + lifetime;
        expires = (expires + Hour - 1) / Hour * Hour;
        changesAt = DateTimeOffset.FromUnixTimeSeconds(expires - lifetime);
        var oe = expires.ToString("X8", CultureInfo.InvariantCulture);
        return $"{origin}/media/{key}?oe={oe}&oh={Base64Url.EncodeToString(Mac(key, oe))}";
    }

    public MediaUrlCheck Verify(string key, string? oe, string? oh)
    {
        if (string.IsNullOrEmpty(oe) || string.IsNullOrEmpty(oh))
        {
            return MediaUrlCheck.Missing;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (!TryParseExpiry(oe, out var expires)
            || oh.Length != SignatureChars
            || Base64Url.DecodeFromChars(oh, signature, out _, out var written) != OperationStatus.Done // (TryDecode… throws on bad chars)
            || written != SignatureBytes)
        {
            return MediaUrlCheck.Malformed;
        }

        // Invalid keys are never signed; checking first also bounds the work for huge keys.
        // The signature is checked before the expiry so a forged URL never reads as merely expired.
        if (!MediaKey.IsValid(key) || !CryptographicOperations.FixedTimeEquals(signature, Mac(key, oe)))
        {
            return MediaUrlCheck.BadSignature;
        }

        return timeProvider.GetUtcNow() >= expires ? MediaUrlCheck.Expired : MediaUrlCheck.Valid;
    }

    /// <summary>Parses an <c>oe</c> value (exactly 8 hex digits).</summary>
    public static bool TryParseExpiry(string? oe, out DateTimeOffset expires)
    {
        if (oe is { Length: 8 } && uint.TryParse(oe, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
        {
            expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        expires = default;
        return false;
    }

    private byte[] Mac(string key, string oe) => HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes($"{key}\n{oe}"));
}
