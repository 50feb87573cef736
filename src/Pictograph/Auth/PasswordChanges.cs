using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Auth;

/// <summary>Whose password was changed and how many of their tokens stopped working.</summary>
/// <param name="Kind">"Instagram account" or "Facebook user".</param>
public sealed record PasswordChange(string Kind, long PersonId, int TokensRevoked);

/// <summary>
/// Sets a new password for an Instagram account (by username) or a Facebook user (by email) and revokes
/// every token they hold, in every app, Page tokens they obtained included: from then on those tokens
/// answer code 190/460, as Facebook's do after a password change.
/// </summary>
public sealed class PasswordChanges(IDbContextFactory<PictographDb> dbFactory, TokenService tokens)
{
    /// <summary>Instagram's own minimum.</summary>
    public const int MinimumLength = 6;

    /// <returns>The change, or null when nobody has that username or email.</returns>
    public async Task<PasswordChange?> SetAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        if (password.Length < MinimumLength)
        {
            throw new ArgumentException($"A password needs at least {MinimumLength} characters.", nameof(password));
        }

        var hash = Passwords.Hash(password);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        PasswordChange change;
        if (await db.Accounts.SingleOrDefaultAsync(a => a.Username == user, cancellationToken).ConfigureAwait(false) is { } account)
        {
            account.PasswordHash = hash;
            change = new PasswordChange("Instagram account", account.Id, 0);
        }
        else if (await db.FacebookUsers.SingleOrDefaultAsync(u => u.Email == user, cancellationToken).ConfigureAwait(false) is { } facebookUser)
        {
            facebookUser.PasswordHash = hash;
            change = new PasswordChange("Facebook user", facebookUser.Id, 0);
        }
        else
        {
            return null;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await tokens.RevokeForPersonAsync(change.PersonId, appId: null, TokenRevocation.PasswordChanged, cancellationToken).ConfigureAwait(false);
        return change with { TokensRevoked = revoked };
    }
}
