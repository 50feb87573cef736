using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>
/// OAuth authorization codes: 256 random bits, stored hashed, valid one hour, single use, bound to the
/// app and the redirect_uri. A second use is refused and revokes every token the code minted.
/// </summary>
public sealed class AuthorizationCodes(IDbContextFactory<PictographDb> dbFactory, TokenService tokens, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task<string> IssueAsync(long appId, long subjectId, TokenFlavour flavour, string redirectUri, IEnumerable<string> scopes, CancellationToken cancellationToken = default)
    {
        // "AQ" as Facebook's and Instagram's codes begin; the rest is random.
        var code = "AQ" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            Hash = TokenText.Hash(code),
            AppId = appId,
            SubjectId = subjectId,
            Flavour = flavour,
            RedirectUri = redirectUri,
            Scopes = string.Join(',', scopes),
            ExpiresAt = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// Marks the code used and mints its token (<paramref name="grant"/> says which) in one transaction, or says
    /// why the code cannot be used. The claim is one conditional UPDATE, so two concurrent exchanges of one
    /// code cannot both succeed; a process that dies after the claim leaves the code unused rather than used
    /// up without a token.
    /// </summary>
    public async Task<(AuthorizationCode? Code, CodeProblem? Problem, (string Token, TokenInfo Info) Issued)> RedeemAsync(
        long appId, string code, string? redirectUri, Func<AuthorizationCode, TokenGrant> grant, CancellationToken cancellationToken = default)
    {
        if (code.Length is 0 or > 256)
        {
            return (null, CodeProblem.NotFound, default);
        }

        var hash = TokenText.Hash(code.EndsWith("#_", StringComparison.Ordinal) ? code[..^2] : code);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.AuthorizationCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Hash == hash, cancellationToken).ConfigureAwait(false);
        if (row is null || row.AppId != appId)
        {
            return (null, CodeProblem.NotFound, default);
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await db.AuthorizationCodes
            .Where(c => c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            await tokens.RevokeMintedByAsync(hash, cancellationToken).ConfigureAwait(false);
            return (null, CodeProblem.AlreadyUsed, default);
        }

        // An expired or misdirected code is used up all the same.
        CodeProblem? problem = now >= row.ExpiresAt ? CodeProblem.Expired
            : !string.Equals(row.RedirectUri, redirectUri, StringComparison.Ordinal) ? CodeProblem.RedirectMismatch
            : null;
        var issued = problem is null ? tokens.Add(db, grant(row) with { CodeHash = hash }) : default;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return problem is null ? (row, null, issued) : (null, problem, default);
    }
}

public enum CodeProblem
{
    NotFound,
    AlreadyUsed,
    Expired,
    RedirectMismatch,
}
