using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Graph.Errors;

namespace Pictograph.RateLimits;

/// <summary>
/// Counts every Graph call per app and per (app, user) in fixed Platform windows, and per (app, Instagram
/// professional account) in Business Use Case windows; sets <c>X-App-Usage</c> and
/// <c>X-Business-Use-Case-Usage</c> on the response and refuses calls past a budget with codes 4, 17 or 80002.
/// The app's budget is also one of CPU and elapsed time (<c>total_cputime</c>, <c>total_time</c>): each call is
/// charged what it cost (<see cref="CallCost"/>), so a heavy call counts for more than a light one.
/// </summary>
public sealed class UsageMeter(
    IUsageCounterStore store,
    RateLimitBudgets budgetsInForce,
    TimeProvider clock,
    IDbContextFactory<PictographDb> dbFactory,
    IMemoryCache cache)
{
    private const string StateKey = "Pictograph.UsageMeter";

    /// <summary>Charges one call (or <paramref name="calls"/>, e.g. for each id of a multi-id read) to the caller.</summary>
    public static ValueTask ChargeAsync(HttpContext http, TokenInfo token, int calls = 1) =>
        http.RequestServices.GetRequiredService<UsageMeter>().ChargeAsync(http, token, calls, http.RequestAborted);

    public async ValueTask ChargeAsync(HttpContext http, TokenInfo token, int calls, CancellationToken cancellationToken)
    {
        if (calls <= 0)
        {
            // Nothing to charge (e.g. the extra ids of a one-id multi-id read).
            return;
        }

        var settings = budgetsInForce.Current;
        var now = clock.GetUtcNow();
        var platformWindow = WindowOf(now, settings.Window);
        var app = token.AppId.ToString(CultureInfo.InvariantCulture);
        long? user = token.Kind == TokenKind.App ? null : token.OnBehalfOfId ?? token.SubjectId;

        // Platform: the app's budget grows with the users active in the window.
        var activeUsers = user is { } u
            ? await store.AddToSetAsync($"app-users:{app}", platformWindow, u.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)
            : await store.AddToSetAsync($"app-users:{app}", platformWindow, "app", cancellationToken).ConfigureAwait(false);
        var appBudget = (long)settings.AppCallsPerUser * Math.Max(activeUsers, settings.AppMinimumUsers);
        var appKey = $"app:{app}";
        var userKey = user is { } id ? $"user:{app}:{id.ToString(CultureInfo.InvariantCulture)}" : null;
        var appCount = await store.GetAsync(appKey, platformWindow, cancellationToken).ConfigureAwait(false);
        var userCount = userKey is null ? 0 : await store.GetAsync(userKey, platformWindow, cancellationToken).ConfigureAwait(false);

        // Business Use Case: calls that reach an Instagram professional account.
        var business = await BusinessAccountAsync(http, token, cancellationToken).ConfigureAwait(false);
        var businessWindow = WindowOf(now, settings.BusinessWindow);
        var businessKey = business is { } b ? $"buc:{app}:{b.ToString(CultureInfo.InvariantCulture)}" : null;
        var businessCount = businessKey is null ? 0 : await store.GetAsync(businessKey, businessWindow, cancellationToken).ConfigureAwait(false);

        var appCpu = await store.GetAsync($"app-cpu:{app}", platformWindow, cancellationToken).ConfigureAwait(false);
        var appTime = await store.GetAsync($"app-time:{app}", platformWindow, cancellationToken).ConfigureAwait(false);
        var users = Math.Max(activeUsers, settings.AppMinimumUsers);
        var budgets = new TimeBudgets(Micros(settings.CpuTimePerUser) * users, Micros(settings.TotalTimePerUser) * users);

        GraphError? refusal = null;
        if (appCount + calls > appBudget || appCpu >= budgets.Cpu || appTime >= budgets.Time)
        {
            refusal = Throttled(4, "(#4) Application request limit reached");
        }
        else if (userKey is not null && userCount + calls > settings.UserCallsPerWindow)
        {
            refusal = Throttled(17, "(#17) User request limit reached");
        }
        else if (businessKey is not null && businessCount + calls > settings.BusinessCallsPerWindow)
        {
            refusal = Throttled(80002, "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.");
        }

        if (refusal is null)
        {
            // Refused calls are not counted: the counts stay at the budget until the window ends.
            appCount = await store.IncrementAsync(appKey, platformWindow, calls, cancellationToken).ConfigureAwait(false);
            if (userKey is not null)
            {
                userCount = await store.IncrementAsync(userKey, platformWindow, calls, cancellationToken).ConfigureAwait(false);
            }

            if (businessKey is not null)
            {
                businessCount = await store.IncrementAsync(businessKey, businessWindow, calls, cancellationToken).ConfigureAwait(false);
            }
        }

        // X-App-Usage shows the larger of the app's and the user's share, as the figure a client must watch.
        var platformPercent = Math.Max(Percent(appCount, appBudget), userKey is null ? 0 : Percent(userCount, settings.UserCallsPerWindow));
        var usage = new Usage(platformPercent, null, app, platformWindow, budgets);
        if (business is { } account)
        {
            var percent = Percent(businessCount, settings.BusinessCallsPerWindow);
            var regain = percent >= 100 ? MinutesLeft(now, businessWindow, settings.BusinessWindow) : 0;
            usage = usage with { Business = new BusinessUsage(account, percent, regain) };
        }

        SetHeaders(http, usage);
        if (refusal is not null)
        {
            throw new GraphException(refusal);
        }
    }

    private static long Micros(TimeSpan time) => time.Ticks / 10;

    private static GraphError Throttled(int code, string message) => new(code, message) { IsTransient = true, HttpStatus = StatusCodes.Status400BadRequest };

    private static long WindowOf(DateTimeOffset now, TimeSpan length) => now.ToUnixTimeMilliseconds() / (long)length.TotalMilliseconds;

    private static int Percent(long count, long budget) => (int)Math.Min(100, count * 100 / Math.Max(1, budget));

    private static int MinutesLeft(DateTimeOffset now, long window, TimeSpan length)
    {
        var endMs = (window + 1) * (long)length.TotalMilliseconds;
        var left = endMs - now.ToUnixTimeMilliseconds();
        return (int)Math.Max(1, (left + 59_999) / 60_000);
    }

    /// <summary>
    /// The headers go on whatever the response turns out to be (errors clear headers first, so they are set on start).
    /// By then the call's cost is known: its CPU and elapsed time are charged to the app, and the header shows them.
    /// </summary>
    private void SetHeaders(HttpContext http, Usage usage)
    {
        var first = !http.Items.ContainsKey(StateKey);
        http.Items[StateKey] = usage;
        if (!first)
        {
            return;
        }

        var cost = new CallCost();
        http.Response.OnStarting(async () =>
        {
            if (http.Items[StateKey] is not Usage current)
            {
                return;
            }

            var (cpu, elapsed) = cost.Measure();
            var cpuUsed = await store.IncrementAsync($"app-cpu:{current.App}", current.Window, Micros(cpu), CancellationToken.None).ConfigureAwait(false);
            var timeUsed = await store.IncrementAsync($"app-time:{current.App}", current.Window, Micros(elapsed), CancellationToken.None).ConfigureAwait(false);
            http.Response.Headers["X-App-Usage"] = AppUsageHeader(current.PlatformPercent, Percent(timeUsed, current.Budgets.Time), Percent(cpuUsed, current.Budgets.Cpu));
            if (current.Business is { } business)
            {
                http.Response.Headers["X-Business-Use-Case-Usage"] = BusinessUsageHeader(business);
            }
        });
    }

    public static string AppUsageHeader(int callCount, int totalTime, int totalCpuTime) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"call_count\":{callCount},\"total_time\":{totalTime},\"total_cputime\":{totalCpuTime}}}");

    public static string BusinessUsageHeader(BusinessUsage usage) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"{usage.AccountId}\":[{{\"type\":\"instagram\",\"call_count\":{usage.Percent},\"total_cputime\":{usage.Percent},\"total_time\":{usage.Percent},\"estimated_time_to_regain_access\":{usage.MinutesToRegain}}}]}}");

    /// <summary>
    /// The Instagram professional account a call is charged to: the subject of an Instagram Login token; for a
    /// Facebook token, the account the path's node is or belongs to (an IG user, its media or its comments).
    /// </summary>
    private async ValueTask<long?> BusinessAccountAsync(HttpContext http, TokenInfo token, CancellationToken cancellationToken)
    {
        switch (token.Flavour)
        {
            case TokenFlavour.InstagramLogin when token.Kind != TokenKind.App:
                return token.SubjectId;
            case TokenFlavour.Facebook when token.Kind != TokenKind.App:
                break;
            default:
                return null;
        }

        if (NodeOf(http.Request.Path.Value) is not { } node || NodeIds.KindOf(node) is not (NodeKind.Account or NodeKind.Media or NodeKind.Comment))
        {
            return null;
        }

        return await cache.GetOrCreateAsync(("usage-owner", node), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            entry.Size = 1;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var media = NodeIds.KindOf(node) switch
            {
                NodeKind.Media => node,
                NodeKind.Comment => await db.Comments.Where(c => c.Id == node).Select(c => (long?)c.MediaId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            var account = NodeIds.KindOf(node) == NodeKind.Account
                ? node
                : media is { } m ? await db.Media.Where(x => x.Id == m).Select(x => (long?)x.OwnerId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) : null;
            return account is { } a && await db.Accounts.AnyAsync(x => x.Id == a && x.AccountType != AccountType.Personal, cancellationToken).ConfigureAwait(false)
                ? account
                : null;
        }).ConfigureAwait(false);
    }

    /// <summary>The numeric node of a Graph path (<c>/v25.0/{id}/edge</c>), or null.</summary>
    private static long? NodeOf(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = segments.Length > 0 && segments[0].Length > 1 && segments[0][0] == 'v' && char.IsAsciiDigit(segments[0][1]) ? 1 : 0;
        return segments.Length > index
               && segments[index].Length <= 19
               && long.TryParse(segments[index], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    private sealed record Usage(int PlatformPercent, BusinessUsage? Business, string App, long Window, TimeBudgets Budgets);

    /// <summary>The app's CPU and elapsed-time budgets in this window, in microseconds.</summary>
    private sealed record TimeBudgets(long Cpu, long Time);
}

/// <summary>One account's Business Use Case usage, as the header reports it.</summary>
public sealed record BusinessUsage(long AccountId, int Percent, int MinutesToRegain);
