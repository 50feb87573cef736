using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>
/// Issues tokens and checks them on every request. Lookups are by SHA-256 hash and cached briefly;
/// expiry is checked against the clock on every use, and a revoke here drops the cached entry.
/// </summary>
public sealed class TokenService(IDbContextFactory<PictographDb> dbFactory, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan ShortLivedLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongLivedLifetime = TimeSpan.FromDays(60);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    public async Task<(string Token, TokenInfo Info)> IssueAsync(long appId, long accountId, TokenFlavour flavour, TokenKind kind, IEnumerable<string> scopes, CancellationToken cancellationToken = default)
    {
        var token = TokenText.New(flavour);
        var now = clock.GetUtcNow();
        var lifetime = kind == TokenKind.LongLived ? LongLivedLifetime : ShortLivedLifetime;
        var row = new AccessToken
        {
            Hash = TokenText.Hash(token),
            AppId = appId,
            SubjectId = accountId,
            Flavour = flavour,
            Kind = kind,
            Scopes = string.Join(',', scopes.Distinct(StringComparer.Ordinal)),
            IssuedAt = now.ToUnixTimeSeconds(),
            ExpiresAt = (now + lifetime).ToUnixTimeSeconds(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AccessTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (token, ToInfo(row));
    }

    /// <summary>The caller behind a token, or the code-190 error that the Graph API gives for it.</summary>
    public async Task<TokenInfo> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!TokenText.LooksValid(token))
        {
            throw AuthErrors.CannotParse();
        }

        var hash = Convert.ToHexString(TokenText.Hash(token));
        if (!cache.TryGetValue(hash, out TokenState? state))
        {
            state = await LoadAsync(TokenText.Hash(token), cancellationToken).ConfigureAwait(false);
            cache.Set(hash, state, CacheLifetime);
        }

        var info = state!.Info ?? throw AuthErrors.CannotParse();
        if (state.Revoked)
        {
            throw AuthErrors.Revoked(info.AppId);
        }

        var now = clock.GetUtcNow();
        if (now.ToUnixTimeSeconds() >= info.ExpiresAt)
        {
            throw AuthErrors.Expired(DateTimeOffset.FromUnixTimeSeconds(info.ExpiresAt), now);
        }

        return info;
    }

    /// <summary>Revokes every token an authorization code minted (the code was replayed).</summary>
    public async Task RevokeMintedByAsync(byte[] codeHash, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var hashes = await db.AccessTokens.Where(t => t.CodeHash == codeHash && t.RevokedAt == null).Select(t => t.Hash).ToListAsync(cancellationToken).ConfigureAwait(false);
        await db.AccessTokens.Where(t => t.CodeHash == codeHash && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedBecause, TokenRevocation.CodeReused), cancellationToken)
            .ConfigureAwait(false);
        foreach (var hash in hashes)
        {
            cache.Remove(Convert.ToHexString(hash));
        }
    }

    private async Task<TokenState> LoadAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken).ConfigureAwait(false);
        return row is null ? new TokenState(null, false) : new TokenState(ToInfo(row), row.RevokedAt is not null);
    }

    private static TokenInfo ToInfo(AccessToken row) =>
        new(row.AppId, row.SubjectId, row.Flavour, row.Kind, TokenInfo.ParseScopes(row.Scopes), row.IssuedAt, row.ExpiresAt);

    private sealed record TokenState(TokenInfo? Info, bool Revoked);
}
