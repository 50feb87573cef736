using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Nodes;

namespace Pictograph.Cli;

internal static class AccountsCommand
{
    public static Command Create() =>
        new("accounts", "Manage Instagram accounts and Facebook users.") { List(), SetPassword() };

    private static Command List()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("list", "List the Instagram accounts and the Facebook users with the Pages they manage.") { dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Username).ToListAsync(cancellationToken).ConfigureAwait(false);
            var users = await db.FacebookUsers.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken).ConfigureAwait(false);
            var pages = await db.PageRoles.AsNoTracking()
                .Join(db.Pages, r => r.PageId, p => p.Id, (r, p) => new { r.FacebookUserId, p.Name })
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            Console.WriteLine("Instagram accounts:");
            foreach (var account in accounts)
            {
                Console.WriteLine($"  {account.Id}  {account.Username,-30}  {MediaLinks.AccountTypeName(account.AccountType)}");
            }

            Console.WriteLine("Facebook users:");
            foreach (var user in users)
            {
                var managed = pages.Where(p => p.FacebookUserId == user.Id).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var suffix = managed.Count == 0 ? "" : $"  Pages: {string.Join(", ", managed)}";
                Console.WriteLine($"  {user.Id}  {user.Email,-30}  {user.Name}{suffix}");
            }

            return 0;
        });
        return command;
    }

    private static Command SetPassword()
    {
        var dataDir = CommonOptions.DataDirectory();
        var user = new Option<string>("--user") { Description = "An Instagram username or a Facebook user's email.", Required = true };
        var password = new Option<string>("--password") { Description = $"The new password (at least {PasswordChanges.MinimumLength} characters).", Required = true };
        var command = new Command("set-password", "Set a new password and revoke every access token the person holds (they answer code 190/460 from then on).") { dataDir, user, password };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var (name, newPassword) = (result.GetValue(user)!, result.GetValue(password)!);
            if (newPassword.Length < PasswordChanges.MinimumLength)
            {
                Console.Error.WriteLine($"A password needs at least {PasswordChanges.MinimumLength} characters.");
                return 1;
            }

            await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
            await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
            var change = await host.Services.GetRequiredService<PasswordChanges>().SetAsync(name, newPassword, cancellationToken).ConfigureAwait(false);
            if (change is null)
            {
                Console.Error.WriteLine($"No Instagram account named '{name}' and no Facebook user with that email.");
                return 1;
            }

            Console.WriteLine($"Password set for {change.Kind} {name} ({change.PersonId}); {change.TokensRevoked} token(s) revoked.");
            return 0;
        });
        return command;
    }
}
