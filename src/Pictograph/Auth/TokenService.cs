using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pictograph.Auth.OAuth;
using Pictograph.Data;
using Pictograph.Data.Changes;

namespace Pictograph.Auth;

/// <summary>
/// Issues tokens and checks them on every request. Lookups are by SHA-256 hash and cached with the
/// database's commit stamp (<see cref="IChangeStamp"/>) taken before the read: a cached lookup is used only
/// while nothing was committed since, so a revocation by any process (the CLI, another server on the same
/// file) holds from the next request on. Expiry is checked against the clock on every use.
/// </summary>
public sealed class TokenService(IDbContextFactory<PictographDb> dbFactory, IMemoryCache cache, AppDirectory apps, IChangeStamp data, TimeProvider clock)
{
    public static readonly TimeSpan ShortLivedLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan LongLivedLifetime = TimeSpan.FromDays(60);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Without a stamp (an in-memory database) another process's revocation can only be seen by asking again.</summary>
    private static readonly TimeSpan UnstampedCacheLifetime = TimeSpan.FromSeconds(1);

    public async Task<(string Token, TokenInfo Info)> IssueAsync(TokenGrant grant, CancellationToken cancellationToken = default) =>
        (await IssueManyAsync([grant], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Issues several tokens in one insert (a Page token for every Page of a <c>/me/accounts</c> page).</summary>
    public async Task<IReadOnlyList<(string Token, TokenInfo Info)>> IssueManyAsync(IReadOnlyList<TokenGrant> grants, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var issued = grants.Select(grant =>
        {
            var token = TokenText.New(grant.Flavour);
            return (Token: token, Row: NewRow(grant, TokenText.Hash(token), now));
        }).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AccessTokens.AddRange(issued.Select(i => i.Row));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return [.. issued.Select(i => (i.Token, ToInfo(i.Row)))];
    }

    /// <summary>Adds a new token's row to <paramref name="db"/> without saving, so it commits with the caller's other changes.</summary>
    public (string Token, TokenInfo Info) Add(PictographDb db, TokenGrant grant)
    {
        var token = TokenText.New(grant.Flavour);
        var row = NewRow(grant, TokenText.Hash(token), clock.GetUtcNow());
        db.AccessTokens.Add(row);
        return (token, ToInfo(row));
    }

    private static AccessToken NewRow(TokenGrant grant, byte[] hash, DateTimeOffset now) =>
        new()
        {
            Hash = hash,
            AppId = grant.AppId,
            SubjectId = grant.SubjectId,
            OnBehalfOfId = grant.OnBehalfOfId,
            CodeHash = grant.CodeHash,
            Flavour = grant.Flavour,
            Kind = grant.Kind,
            Scopes = string.Join(',', grant.Scopes.Distinct(StringComparer.Ordinal)),
            IssuedAt = now.ToUnixTimeSeconds(),
            ExpiresAt = grant.ExpiresAt ?? grant.Kind switch
            {
                TokenKind.ShortLived => (now + ShortLivedLifetime).ToUnixTimeSeconds(),
                TokenKind.LongLived => (now + LongLivedLifetime).ToUnixTimeSeconds(),
                TokenKind.Page => 0,
                _ => throw new ArgumentException("App tokens are not issued; they are the app id and secret.", nameof(grant)),
            },
        };

    /// <summary>The caller behind a token, or the code-190 error that the Graph API gives for it.</summary>
    public async Task<TokenInfo> ValidateAsync(string token, CancellationToken cancellationToken = default) =>
        Valid(await InspectAsync(token, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The same, checked against a stamp the caller has just read (a Graph call reads it once for the token and its
    /// kept answer): an older stamp is never wrong, it only keeps less.
    /// </summary>
    public async Task<TokenInfo> ValidateAsync(string token, ChangeStamp? stamp, CancellationToken cancellationToken) =>
        Valid(await InspectAsync(token, stamp, cancellationToken).ConfigureAwait(false));

    private TokenInfo Valid(TokenState state)
    {
        if (state.Info is not { } info)
        {
            throw AuthErrors.CannotParse();
        }

        if (state.RevokedBecause is { } reason)
        {
            throw AuthErrors.Revoked(reason, info.AppId);
        }

        var now = clock.GetUtcNow();
        if (info.Expires && now.ToUnixTimeSeconds() >= info.ExpiresAt)
        {
            throw AuthErrors.Expired(DateTimeOffset.FromUnixTimeSeconds(info.ExpiresAt), now);
        }

        return info;
    }

    /// <summary>What is known of a token, valid or not (for debug_token).</summary>
    public async Task<TokenState> InspectAsync(string token, CancellationToken cancellationToken = default) =>
        await InspectAsync(token, await data.ReadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<TokenState> InspectAsync(string token, ChangeStamp? stamp, CancellationToken cancellationToken)
    {
        if (TokenText.TryParseAppToken(token, out var appId, out var secret))
        {
            var app = await apps.FindAsync(appId, cancellationToken).ConfigureAwait(false);
            return app is not null && apps.SecretMatches(app, secret)
                ? new TokenState(new TokenInfo(app.Id, app.Id, TokenFlavour.Facebook, TokenKind.App, [], app.CreatedAt, 0), null)
                : TokenState.Unknown;
        }

        if (!TokenText.LooksValid(token))
        {
            return TokenState.Unknown;
        }

        var hash = TokenText.Hash(token);
        var key = CacheKey(hash);
        if (cache.TryGetValue(key, out Kept? kept) && kept!.Stamp == stamp)
        {
            return kept.State;
        }

        var state = await LoadAsync(hash, cancellationToken).ConfigureAwait(false);
        cache.Set(key, new Kept(state, stamp), stamp is null ? UnstampedCacheLifetime : CacheLifetime);
        return state;
    }

    /// <summary>A looked-up token with the commit stamp read before the lookup.</summary>
    private sealed record Kept(TokenState State, ChangeStamp? Stamp);

    /// <summary>Revokes one token (the dashboard's and the CLI's "revoke").</summary>
    public Task<int> RevokeAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = TokenText.Hash(token);
        return RevokeWhereAsync(t => t.Hash == hash, TokenRevocation.Revoked, cancellationToken);
    }

    /// <summary>Revokes one of an app's tokens by its stored hash (the dashboard lists hashes, never token text).</summary>
    public Task<int> RevokeHashAsync(long appId, byte[] hash, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync(t => t.Hash == hash && t.AppId == appId, TokenRevocation.Revoked, cancellationToken);

    /// <summary>
    /// Revokes every token of an authorization code's family (the code was replayed): what it minted and what
    /// was exchanged or derived from those (OAuth 2.0 Security Best Current Practice).
    /// </summary>
    public Task<int> RevokeMintedByAsync(byte[] codeHash, CancellationToken cancellationToken = default) =>
        RevokeWhereAsync(t => t.CodeHash == codeHash, TokenRevocation.CodeReused, cancellationToken);

    /// <summary>Revokes a person's tokens (all apps, or one), including Page tokens they obtained.</summary>
    public Task<int> RevokeForPersonAsync(long personId, long? appId, TokenRevocation reason, CancellationToken cancellationToken = default) =>
        appId is { } app
            ? RevokeWhereAsync(t => (t.SubjectId == personId || t.OnBehalfOfId == personId) && t.AppId == app, reason, cancellationToken)
            : RevokeWhereAsync(t => t.SubjectId == personId || t.OnBehalfOfId == personId, reason, cancellationToken);

    private async Task<int> RevokeWhereAsync(Expression<Func<AccessToken, bool>> which, TokenRevocation reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var live = db.AccessTokens.Where(which).Where(t => t.RevokedAt == null);
        var hashes = await live.Select(t => t.Hash).ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = await live
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedBecause, reason), cancellationToken)
            .ConfigureAwait(false);
        foreach (var hash in hashes)
        {
            cache.Remove(CacheKey(hash));
        }

        return count;
    }

    // Compiled: after any commit (a write anywhere retires the kept lookups) every request's token is read again.
    private static readonly Func<PictographDb, byte[], Task<AccessToken?>> TokenByHash =
        EF.CompileAsyncQuery((PictographDb db, byte[] hash) => db.AccessTokens.AsNoTracking().SingleOrDefault(t => t.Hash == hash));

    private async Task<TokenState> LoadAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await TokenByHash(db, hash).ConfigureAwait(false);
        return row is null ? TokenState.Unknown : new TokenState(ToInfo(row), row.RevokedBecause);
    }

    private static string CacheKey(byte[] hash) => "token:" + Convert.ToHexString(hash);

    private static TokenInfo ToInfo(AccessToken row) =>
        new(row.AppId, row.SubjectId, row.Flavour, row.Kind, TokenInfo.ParseScopes(row.Scopes), row.IssuedAt, row.ExpiresAt)
        {
            OnBehalfOfId = row.OnBehalfOfId,
            CodeHash = row.CodeHash,
        };
}

/// <summary>A token as stored: its facts (null when unknown) and why it was revoked, if it was.</summary>
public sealed record TokenState(TokenInfo? Info, TokenRevocation? RevokedBecause)
{
    public static readonly TokenState Unknown = new(null, null);
}
