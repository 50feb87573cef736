using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pictograph.Auth;

/// <summary>
/// Facebook's <c>signed_request</c>: base64url(HMAC-SHA256(secret, payload)) + "." + base64url(JSON payload),
/// as sent to deauthorize and data-deletion callbacks.
/// </summary>
public static class SignedRequest
{
    public static string Create(string appSecret, IReadOnlyDictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>(claims) { ["algorithm"] = "HMAC-SHA256" };
        var encodedPayload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.ASCII.GetBytes(encodedPayload));
        return $"{Base64Url.EncodeToString(signature)}.{encodedPayload}";
    }

    /// <summary>Verifies and decodes; null when the signature does not match.</summary>
    public static JsonDocument? Parse(string appSecret, string signedRequest)
    {
        var dot = signedRequest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var encodedPayload = signedRequest[(dot + 1)..];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.ASCII.GetBytes(encodedPayload));
        try
        {
            var given = Base64Url.DecodeFromChars(signedRequest.AsSpan(0, dot));
            return CryptographicOperations.FixedTimeEquals(expected, given)
                ? JsonDocument.Parse(Base64Url.DecodeFromChars(encodedPayload))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
