using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Pictograph.Auth;

namespace Pictograph.Fuzz.Targets;

/// <summary>
/// The <c>signed_request</c> parser, which answers a document or null and throws nothing. The input is tried
/// as a whole signed request, then as the payload part of one correctly signed over it (so the fuzzer reaches
/// the base64url and JSON decoding behind the signature); a request made from the input's text reads back.
/// </summary>
internal static class SignedRequestTarget
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    public static void Run(byte[] input)
    {
        var text = Input.Text(input);
        SignedRequest.Parse(Secret, text)?.Dispose();

        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(text)));
        SignedRequest.Parse(Secret, $"{signature}.{text}")?.Dispose();

        var made = SignedRequest.Create(Secret, new Dictionary<string, object> { ["user_id"] = text, ["issued_at"] = input.Length });
        using var read = SignedRequest.Parse(Secret, made) ?? throw new InvalidOperationException($"The request {made} it made does not verify.");
        if (read.RootElement.GetProperty("user_id").GetString() != text)
        {
            throw new InvalidOperationException($"The request {made} does not read back its user_id.");
        }

        if (SignedRequest.Parse(Secret + "x", made) is not null)
        {
            throw new InvalidOperationException($"The request {made} verifies with another secret.");
        }
    }
}
