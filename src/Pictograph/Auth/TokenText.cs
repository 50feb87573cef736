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

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
