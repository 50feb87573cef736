using System.Collections.Frozen;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>What a valid token says about its caller (cached; never holds the token text).</summary>
public sealed record TokenInfo(
    long AppId,
    long AccountId,
    TokenFlavour Flavour,
    TokenKind Kind,
    FrozenSet<string> Scopes,
    long IssuedAt,
    long ExpiresAt)
{
    public static FrozenSet<string> ParseScopes(string scopes) =>
        scopes.Split([',', ' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);
}
