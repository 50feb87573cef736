using System.Collections.Frozen;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>What a valid token says about its caller (cached; never holds the token text).</summary>
/// <param name="SubjectId">Whom it acts for: an Instagram account, a Facebook user, a Page, or (app tokens) the app.</param>
/// <param name="ExpiresAt">Unix seconds; 0 for never.</param>
public sealed record TokenInfo(
    long AppId,
    long SubjectId,
    TokenFlavour Flavour,
    TokenKind Kind,
    FrozenSet<string> Scopes,
    long IssuedAt,
    long ExpiresAt)
{
    /// <summary>For a Page token, the Facebook user who obtained it.</summary>
    public long? OnBehalfOfId { get; init; }

    /// <summary>
    /// The authorization code its family began with: tokens exchanged, refreshed or derived (Page tokens) from a
    /// code's token carry it on, so a replayed code revokes all of them.
    /// </summary>
    public byte[]? CodeHash { get; init; }

    public bool Expires => ExpiresAt != 0;

    public static FrozenSet<string> ParseScopes(string scopes) => Permissions.Parse(scopes).ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>What to issue a token for.</summary>
public sealed record TokenGrant(long AppId, long SubjectId, TokenFlavour Flavour, TokenKind Kind, IEnumerable<string> Scopes)
{
    public long? OnBehalfOfId { get; init; }

    /// <summary>The authorization code its family began with (revoked together if the code is replayed).</summary>
    public byte[]? CodeHash { get; init; }

    /// <summary>Overrides the kind's lifetime (a Page token inherits its user token's expiry); 0 = never.</summary>
    public long? ExpiresAt { get; init; }
}
