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
        var user = new Option<string>("--user") { Description = "Username of the account the token acts for.", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = "Permissions, comma-separated.",
            DefaultValueFactory = _ => "user_profile,user_media",
        };
        var app = new Option<long?>("--app") { Description = "App id (default: the oldest app)." };
        var shortLived = new Option<bool>("--short-lived") { Description = "Issue a 1-hour token instead of a 60-day one." };
        var issue = new Command("issue", "Issue a Basic Display user access token and print it.") { dataDir, user, scopes, app, shortLived };
        issue.TreatUnmatchedTokensAsErrors = false;
        issue.SetAction(async (result, cancellationToken) =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<PictographDb>>();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var username = result.GetValue(user)!;
            var account = await db.Accounts.SingleOrDefaultAsync(a => a.Username == username, cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                Console.Error.WriteLine($"No account named '{username}'.");
                return 1;
            }

            var appId = result.GetValue(app) ?? await db.Apps.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (appId is null || !await db.Apps.AnyAsync(a => a.Id == appId, cancellationToken).ConfigureAwait(false))
            {
                Console.Error.WriteLine(appId is null ? "There is no app yet; run 'seed' first." : $"No app with id {appId}.");
                return 1;
            }

            var granted = TokenInfo.ParseScopes(result.GetValue(scopes) ?? "");
            var unknown = granted.Where(s => !KnownScopes.All.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown permission(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", KnownScopes.All)}.");
                return 1;
            }

            var kind = result.GetValue(shortLived) ? TokenKind.ShortLived : TokenKind.LongLived;
            var tokens = host.Services.GetRequiredService<TokenService>();
            var (token, _) = await tokens.IssueAsync(appId.Value, account.Id, TokenFlavour.BasicDisplay, kind, granted, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(token);
            return 0;
        });

        return new Command("tokens", "Manage access tokens.") { issue };
    }
}
