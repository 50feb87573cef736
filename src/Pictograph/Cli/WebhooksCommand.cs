using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Hosting;
using Pictograph.Webhooks;

namespace Pictograph.Cli;

/// <summary><c>webhooks subscribe | list | log</c>: an app's webhook subscription and its delivery log, without a browser.</summary>
internal static class WebhooksCommand
{
    public static Command Create() => new("webhooks", "Manage an app's webhook subscription and read its delivery log.") { SubscribeCommand(), ListCommand(), LogCommand() };

    private static Option<long> AppOption() => new("--app") { Description = "The app's id.", Required = true };

    private static Command SubscribeCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var app = AppOption();
        var callback = new Option<string>("--callback") { Description = "The callback URL; it must pass the verification handshake.", Required = true };
        var verifyToken = new Option<string>("--verify-token") { Description = "The string the callback expects in hub.verify_token.", Required = true };
        var fields = new Option<string>("--fields") { Description = "Fields of object instagram, comma-separated (e.g. comments,mentions).", Required = true };
        var command = new Command("subscribe", "Verify a callback and subscribe the app to fields of object instagram (replacing its fields).") { dataDir, app, callback, verifyToken, fields };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithAppAsync(result, dataDir, app, cancellationToken, async (services, db, appId) =>
        {
            var (names, problem) = WebhookFields.Parse(result.GetValue(fields), "fields");
            if (problem is not null || names.Count == 0)
            {
                Console.Error.WriteLine(problem ?? "--fields names no field.");
                return 1;
            }

            var request = new SubscriptionRequest(result.GetValue(callback)!, result.GetValue(verifyToken)!, names);
            var refused = await services.GetRequiredService<WebhookSubscriptions>().SubscribeAsync(db, appId, request, merge: false, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                Console.Error.WriteLine(refused.Message);
                return 1;
            }

            Console.WriteLine($"Subscribed app {Id(appId)} to {string.Join(", ", names)} at {request.CallbackUrl}");
            return 0;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var app = AppOption();
        var command = new Command("list", "Print the app's subscription: object, callback URL, state and fields.") { dataDir, app };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithAppAsync(result, dataDir, app, cancellationToken, async (_, db, appId) =>
        {
            var subscription = await WebhookSubscriptions.FindAsync(db, appId, cancellationToken).ConfigureAwait(false);
            if (subscription is null)
            {
                Console.Error.WriteLine($"App {Id(appId)} has no webhook subscription; add one with: webhooks subscribe");
                return 0;
            }

            Console.WriteLine($"{"OBJECT",-10} {"ACTIVE",-7} {"CALLBACK",-40} FIELDS");
            Console.WriteLine($"{subscription.Object,-10} {(subscription.Active ? "yes" : "no"),-7} {subscription.CallbackUrl,-40} {subscription.Fields}");
            return 0;
        }));
        return command;
    }

    private static Command LogCommand()
    {
        var dataDir = CommonOptions.DataDirectory();
        var app = AppOption();
        var limit = new Option<int>("--limit") { Description = "How many deliveries to print, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("log", "Print the app's webhook deliveries, newest first.") { dataDir, app, limit };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => WithAppAsync(result, dataDir, app, cancellationToken, async (_, db, appId) =>
        {
            var rows = await WebhookLog.NewestAsync(db, appId, result.GetValue(limit), cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                Console.Error.WriteLine($"App {Id(appId)} has no deliveries yet.");
                return 0;
            }

            Console.WriteLine($"{"ID",-8} {"CREATED (UTC)",-20} {"FIELD",-16} {"STATE",-10} {"TRIES",5} {"STATUS",6} {"MS",6}  ERROR");
            foreach (var row in rows)
            {
                var d = row.Delivery;
                var last = row.Last;
                var created = DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                Console.WriteLine($"{Id(d.Id),-8} {created,-20} {d.Field,-16} {d.State,-10} {d.Attempts,5} {last?.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {last?.LatencyMs.ToString(CultureInfo.InvariantCulture) ?? "-",6}  {last?.Error}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Opens the data directory's database (migrated, never seeded) and checks the app exists.</summary>
    private static async Task<int> WithAppAsync(
        ParseResult result, Option<string?> dataDir, Option<long> app, CancellationToken cancellationToken, Func<IServiceProvider, PictographDb, long, Task<int>> body)
    {
        await using var host = PictographApp.Build(CommonOptions.HostArgs(result, dataDir));
        await PictographApp.PrepareAsync(host.Services, seedDemo: false, cancellationToken).ConfigureAwait(false);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PictographDb>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var appId = result.GetValue(app);
        if (!await db.Apps.AnyAsync(a => a.Id == appId, cancellationToken).ConfigureAwait(false))
        {
            Console.Error.WriteLine($"No app with id {Id(appId)}; 'apps list' shows them all.");
            return 1;
        }

        return await body(host.Services, db, appId).ConfigureAwait(false);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
