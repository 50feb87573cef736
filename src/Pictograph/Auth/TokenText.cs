using System.Buffers.Text;
using System.Security.Cryptography;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>The text form of tokens: a flavour prefix as Instagram/Facebook use, then 256 random bits.</summary>
public static class TokenText
{
    private const int RandomBytes = 32;
    private const int MaxLength = 512;

    public static string Prefix(TokenFlavour flavour) => flavour switch
    {
        TokenFlavour.BasicDisplay => "IGQVJ",
        TokenFlavour.InstagramLogin => "IGAA",
        _ => "EAA",
    };

    public static string New(TokenFlavour flavour) =>
        Prefix(flavour) + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Whether the text has the shape of a token this server issues (else "Cannot parse access token").</summary>
    public static bool LooksValid(string token) =>
        token.Length is > 8 and <= MaxLength
        && (token.StartsWith("IGQVJ", StringComparison.Ordinal) || token.StartsWith("IGAA", StringComparison.Ordinal) || token.StartsWith("EAA", StringComparison.Ordinal))
        && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>An app access token: "{app-id}|{app-secret}".</summary>
    public static string AppToken(long appId, string secret) => $"{appId}|{secret}";

    /// <summary>Splits an app token into its app id and secret.</summary>
    public static bool TryParseAppToken(string token, out long appId, out string secret)
    {
        appId = 0;
        secret = "";
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar is <= 0 or > 20 || token.Length > 128
            || !long.TryParse(token.AsSpan(0, bar), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out appId))
        {
            return false;
        }

        secret = token[(bar + 1)..];
        return secret.Length > 0;
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
