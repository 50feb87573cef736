using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Hosting;

namespace Pictograph.Cli;

internal static class TokensCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var user = new Option<string>("--user") { Description = "Who the token acts for: an Instagram username, or a Facebook user's email for Facebook Login permissions.", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = "Permissions, comma-separated.",
            DefaultValueFactory = _ => "user_profile,user_media",
        };
        var app = new Option<long?>("--app") { Description = "App id (default: the oldest app)." };
        var shortLived = new Option<bool>("--short-lived") { Description = "Issue a 1-hour token instead of a 60-day one." };
        var issue = new Command("issue", "Issue a user access token and print it; the permissions decide its API (Basic Display, Instagram Login or Facebook Login).") { dataDir, user, scopes, app, shortLived };
        issue.TreatUnmatchedTokensAsErrors = false;
        issue.SetAction(async (result, cancellationToken) =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<PictographDb>>();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var granted = Permissions.ToScopeStrings(Permissions.Parse(result.GetValue(scopes)));
            var unknown = granted.Where(s => !Permissions.All.ContainsKey(s)).ToList();
            if (granted.Count == 0 || unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown permission(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Permissions.All.Values.Select(p => p.Label).Order(StringComparer.Ordinal))}.");
                return 1;
            }

            // The permissions say which API the token speaks; one token speaks one.
            var flavours = granted.Select(s => Permissions.All[s].Flavour).Distinct().ToList();
            if (flavours.Count > 1)
            {
                Console.Error.WriteLine("The permissions belong to different APIs (Basic Display, Instagram Login, Facebook Login); issue one token per API.");
                return 1;
            }

            var flavour = flavours[0];
            var name = result.GetValue(user)!;
            long? subject = flavour == TokenFlavour.Facebook
                ? await db.FacebookUsers.Where(u => u.Email == name).Select(u => (long?)u.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                : await db.Accounts.Where(a => a.Username == name).Select(a => (long?)a.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (subject is null)
            {
                Console.Error.WriteLine(flavour == TokenFlavour.Facebook ? $"No Facebook user with the email '{name}'." : $"No account named '{name}'.");
                return 1;
            }

            var appId = result.GetValue(app) ?? await db.Apps.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (appId is null || !await db.Apps.AnyAsync(a => a.Id == appId, cancellationToken).ConfigureAwait(false))
            {
                Console.Error.WriteLine(appId is null ? "There is no app yet; run 'seed' first." : $"No app with id {appId}.");
                return 1;
            }

            var kind = result.GetValue(shortLived) ? TokenKind.ShortLived : TokenKind.LongLived;
            var tokens = host.Services.GetRequiredService<TokenService>();
            var (token, _) = await tokens.IssueAsync(new TokenGrant(appId.Value, subject.Value, flavour, kind, granted), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(token);
            return 0;
        });

        return new Command("tokens", "Manage access tokens.") { issue, RevokeCommand() };
    }

    private static Command RevokeCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var token = new Option<string>("--token") { Description = "The user or Page access token to revoke.", Required = true };
        var revoke = new Command("revoke", "Revoke an access token: calls with it then fail with code 190.") { dataDir, token };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction(async (result, cancellationToken) =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var tokens = host.Services.GetRequiredService<TokenService>();
            var text = result.GetValue(token)!.Trim();
            if (TokenText.TryParseAppToken(text, out _, out _))
            {
                Console.Error.WriteLine("An app token is the app id and secret: reset the app secret in the dashboard instead.");
                return 1;
            }

            var state = await tokens.InspectAsync(text, cancellationToken).ConfigureAwait(false);
            if (state.Info is null)
            {
                Console.Error.WriteLine("No such token: it was not issued by this server (or not on this data directory).");
                return 1;
            }

            Console.WriteLine(await tokens.RevokeAsync(text, cancellationToken).ConfigureAwait(false) > 0
                ? "Revoked."
                : "Not revoked: the token was already revoked.");
            return 0;
        });
        return revoke;
    }
}
