using Pictograph.Auth;
using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Dashboard;
using Pictograph.Data;
using Pictograph.Hosting;

namespace Pictograph.Cli;

/// <summary><c>apps create | list | show</c>: the dashboard's app management for scripts and servers without a browser.</summary>
internal static class AppsCommand
{
    public static Command Create() => new("apps", "Manage developer apps.") { CreateCommand(), ListCommand(), ShowCommand() };

    private static Command CreateCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var name = new Option<string>("--name") { Description = "The app's display name.", Required = true };
        var redirectUris = new Option<string[]>("--redirect-uri")
        {
            Description = "A valid OAuth redirect URI: absolute http(s), no #fragment; OAuth requests must name one exactly. Repeat for more.",
        };
        var mode = new Option<string>("--mode")
        {
            Description = "development (only people with a role on the app may authorize it) or live.",
            DefaultValueFactory = _ => "development",
        };
        mode.AcceptOnlyFromAmong("development", "live");
        var admin = new Option<string?>("--admin") { Description = "Email of the Facebook user who becomes the app's administrator." };
        var command = new Command("create", "Create an app (with a fresh secret) and print its id and secret.") { dataDir, name, redirectUris, mode, admin };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithDatabaseAsync(result, dataDir, cancellationToken, async (services, db) =>
        {
            var (appName, nameProblem) = AppRules.Name(result.GetValue(name));
            var (uris, uriProblems) = AppRules.RedirectUris(result.GetValue(redirectUris) ?? []);
            var problems = nameProblem is null ? new List<string>() : [nameProblem];
            problems.AddRange(uriProblems.Select(p => $"--redirect-uri {p}"));
            if (problems.Count > 0)
            {
                problems.ForEach(Console.Error.WriteLine);
                return 1;
            }

            long? adminId = null;
            if (result.GetValue(admin) is { } email)
            {
                adminId = await AppPeople.FindFacebookUserAsync(db, email, cancellationToken).ConfigureAwait(false);
                if (adminId is null)
                {
                    Console.Error.WriteLine($"No Facebook user with the email '{email}'.");
                    return 1;
                }
            }

            var appMode = result.GetValue(mode) == "live" ? AppMode.Live : AppMode.Development;
            var secrets = services.GetRequiredService<AppSecrets>();
            var app = await AppFactory.CreateAsync(
                db, services.GetRequiredService<IdAllocator>(), services.GetRequiredService<TimeProvider>(), secrets, appName, appMode, uris, adminId, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"App id:     {Id(app.Id)}");
            Console.WriteLine($"App secret: {secrets.Reveal(app)}");
            return 0;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("list", "List every app: id, mode and name.") { dataDir };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithDatabaseAsync(result, dataDir, cancellationToken, async (_, db) =>
        {
            var apps = await db.Apps.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.Mode, a.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (apps.Count == 0)
            {
                Console.Error.WriteLine("No apps yet; create one with: apps create --name NAME");
                return 0;
            }

            Console.WriteLine($"{"ID",-18} {"MODE",-12} NAME");
            foreach (var app in apps)
            {
                Console.WriteLine($"{Id(app.Id),-18} {app.Mode,-12} {app.Name}");
            }

            return 0;
        }));
        return command;
    }

    private static Command ShowCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var appOption = new Option<long>("--app") { Description = "The app's id.", Required = true };
        var command = new Command("show", "Print an app's settings, secret, redirect URIs and roles.") { dataDir, appOption };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithDatabaseAsync(result, dataDir, cancellationToken, async (services, db) =>
        {
            var appId = result.GetValue(appOption);
            var app = await db.Apps.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appId, cancellationToken).ConfigureAwait(false);
            if (app is null)
            {
                Console.Error.WriteLine($"No app with id {Id(appId)}; 'apps list' shows them all.");
                return 1;
            }

            var people = await AppPeople.ListAsync(db, app.Id, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Name:                   {app.Name}");
            Console.WriteLine($"App id:                 {Id(app.Id)}");
            Console.WriteLine($"App secret:             {services.GetRequiredService<AppSecrets>().Reveal(app)}");
            Console.WriteLine($"Mode:                   {app.Mode}");
            Console.WriteLine($"Created:                {DateTimeOffset.FromUnixTimeSeconds(app.CreatedAt):yyyy-MM-dd HH:mm:ss} UTC");
            Console.WriteLine($"Require App Secret:     {(app.RequireAppSecretProof ? "yes" : "no")}");
            Console.WriteLine($"Deauthorize callback:   {app.DeauthorizeCallbackUrl ?? "(none)"}");
            Console.WriteLine($"Data deletion callback: {app.DataDeletionCallbackUrl ?? "(none)"}");
            Console.WriteLine("Redirect URIs:" + (app.RedirectUriList.Count == 0 ? " (none)" : ""));
            foreach (var uri in app.RedirectUriList)
            {
                Console.WriteLine($"  {uri}");
            }

            Console.WriteLine("Roles:" + (people.Count == 0 ? " (none)" : ""));
            foreach (var person in people)
            {
                Console.WriteLine($"  {person.Role,-14} {person.Label}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Opens the data directory's database (migrated, never seeded) for one command.</summary>
    private static async Task<int> WithDatabaseAsync(
        ParseResult result, Option<string?> dataDir, CancellationToken cancellationToken, Func<IServiceProvider, PictographDb, Task<int>> body)
    {
        await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
        await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await body(host.Services, db).ConfigureAwait(false);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
