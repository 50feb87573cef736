using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Nodes;

namespace Pictograph.Insights;

/// <summary><c>GET /{ig-user-id}/insights</c>: account metrics computed from recorded events and the likes, comments and follows tables.</summary>
public static class AccountInsights
{
    private const long Day = AccountFacts.Day;

    /// <summary>follower_count and online_followers need this many followers.</summary>
    public const int MinFollowers = 100;

    private sealed record Request(IReadOnlyList<AccountMetric> Metrics, string Period, bool Series, IReadOnlyList<string> Breakdowns, string? Timeframe);

    public static async Task<MutationResult> GetAsync(Account account, GraphArguments arguments, GraphContext context)
    {
        var request = Parse(arguments, context);
        var now = context.Now();
        var window = InsightWindow.From(arguments, now);
        var db = context.Db();
        var cancellationToken = context.CancellationToken;

        var counted = request.Metrics.Where(m => m.Shape is AccountMetricShape.Counted or AccountMetricShape.FollowerCount).ToList();
        var days = window.Days();
        var span = request.Period switch { "week" => 7, "days_28" => 28, _ => 1 };
        List<InsightFact> facts = [];
        if (counted.Count > 0)
        {
            // A series reads whole UTC days, and a rolling period the days before the first one too;
            // a total reads (since, until], so the event of this very second counts and paging never counts one twice.
            var (from, to) = request.Series && days.Count > 0
                ? ((days[0] - span + 1) * Day, (days[^1] + 1) * Day)
                : (window.Since + 1, window.Until + 1);
            facts = await AccountFacts.LoadAsync(db, account.Id, counted.SelectMany(m => m.Kinds).ToHashSet(StringComparer.Ordinal), from, to, cancellationToken).ConfigureAwait(false);
        }

        HashSet<long>? followers = null;
        var needsFollowers = request.Metrics.Any(m => m.Shape is AccountMetricShape.FollowerCount or AccountMetricShape.OnlineFollowers)
            || request.Breakdowns.Any(b => b is "follower_type" || (b is "follow_type" && request.Metrics.Any(m => m.Name != "follows_and_unfollows")));
        if (needsFollowers)
        {
            followers = await AccountFacts.FollowersAsync(db, account.Id, cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<InsightRow>();
        foreach (var metric in request.Metrics)
        {
            var id = $"{GraphJson.Id(account.Id)}/insights/{metric.Name}/{request.Period}";
            InsightRow Row(IReadOnlyList<InsightPoint>? values, InsightTotal? total) =>
                new(metric.Name, request.Period, metric.Title, metric.Description, id, values, total);
            switch (metric.Shape)
            {
                case AccountMetricShape.Demographic:
                    var timeframe = request.Timeframe;
                    var audienceWindow = timeframe is null ? window : InsightWindow.ForTimeframe(timeframe, now);
                    rows.Add(Row(null, await Demographics.ComputeAsync(db, account.Id, metric.Name, timeframe, audienceWindow, request.Breakdowns, now, cancellationToken).ConfigureAwait(false)));
                    break;
                case AccountMetricShape.OnlineFollowers:
                    RequireRecent(metric.Name, window, now, followers!);
                    rows.Add(Row(await OnlineFollowersAsync(db, account.Id, days, cancellationToken).ConfigureAwait(false), null));
                    break;
                case AccountMetricShape.FollowerCount:
                    RequireRecent(metric.Name, window, now, followers!);
                    rows.Add(Row(Series(metric, facts, days, 1), null));
                    break;
                default:
                    rows.Add(request.Series
                        ? Row(Series(metric, facts, days, span), null)
                        : Row(null, Total(metric, facts, request.Breakdowns, followers)));
                    break;
            }
        }

        // Every answer that covers a range can be paged back and forth by the same span.
        var paged = request.Metrics.Any(m => m.Shape != AccountMetricShape.Demographic);
        var paging = paged ? Paging(account.Id, window, context) : ((string, string)?)null;
        return new MutationResult(w => InsightJson.Write(w, rows, paging));
    }

    private static Request Parse(GraphArguments arguments, GraphContext context)
    {
        var names = InsightParameters.RequiredList(arguments, "metric", AccountMetrics.Enum, name =>
        {
            if (name == "impressions")
            {
                throw InsightErrors.Deprecated(name);
            }
        });
        var period = arguments.Required("period").Trim();
        if (!AccountMetrics.Periods.Contains(period, StringComparer.Ordinal))
        {
            throw InsightErrors.NotOneOf("period", null, AccountMetrics.Periods);
        }

        var metricType = InsightParameters.Optional(arguments, "metric_type", AccountMetrics.MetricTypes) ?? "default";
        var breakdowns = InsightParameters.OptionalList(arguments, "breakdown", AccountMetrics.BreakdownEnum);
        var timeframe = InsightParameters.Optional(arguments, "timeframe", AccountMetrics.Timeframes);
        var metrics = names.Distinct(StringComparer.Ordinal).Select(AccountMetrics.Find).ToList();

        // Without metric_type the answer is a series: metrics that have none must ask for total_value.
        var series = metricType != "total_value";
        var wrongType = metrics.Where(m => series ? !m.TimeSeries : !m.TotalValue).Select(m => m.Name).ToList();
        if (wrongType.Count > 0)
        {
            throw InsightErrors.MetricTypeRequired(wrongType, series ? "total_value" : "time_series");
        }

        foreach (var metric in metrics)
        {
            if (!metric.Periods.Contains(period, StringComparer.Ordinal))
            {
                throw InsightErrors.IncompatiblePeriod(metric.Name, period, metric.Periods);
            }

            // Rolling periods are series; a total is over since/until.
            if (!series && metric.Shape == AccountMetricShape.Counted && period != "day")
            {
                throw InsightErrors.IncompatiblePeriod(metric.Name, period, ["day"]);
            }

            if (breakdowns.Any(b => !metric.Breakdowns.Contains(b, StringComparer.Ordinal)))
            {
                throw InsightErrors.UnsupportedBreakdown();
            }

            if (metric.Shape == AccountMetricShape.Demographic)
            {
                if (breakdowns.Count == 0)
                {
                    throw InsightErrors.BreakdownRequired(metric.Name);
                }

                if (timeframe is null && metric.Name != "follower_demographics")
                {
                    throw InsightErrors.TimeframeRequired(metric.Name);
                }

                if (timeframe is not ("this_week" or "this_month" or null) && ApiVersion(context) >= 20)
                {
                    throw InsightErrors.TimeframeRetired(timeframe);
                }
            }
        }

        if (series && breakdowns.Count > 0)
        {
            throw InsightErrors.BreakdownNeedsTotalValue();
        }

        return new Request(metrics, period, series, breakdowns, timeframe);
    }

    /// <summary>The request's major version, from the paging base URL (…/v25.0).</summary>
    private static int ApiVersion(GraphContext context)
    {
        var segment = context.Links.BaseUrl[(context.Links.BaseUrl.LastIndexOf('/') + 1)..].TrimStart('v');
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return int.TryParse(dot < 0 ? segment : segment[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : int.MaxValue;
    }

    private static void RequireRecent(string metric, InsightWindow window, DateTimeOffset now, HashSet<long> followers)
    {
        if (followers.Count < MinFollowers)
        {
            throw InsightErrors.NotEnoughFollowers();
        }

        if (window.Since < now.ToUnixTimeSeconds() - InsightWindow.MaxSpan)
        {
            throw InsightErrors.OlderThan30Days(metric);
        }
    }

    private static long Aggregate(AccountMetric metric, IEnumerable<InsightFact> facts) => AccountFacts.Aggregate(metric.Aggregate, facts);

    /// <summary>One value per UTC day; a rolling period (week, days_28) counts the <paramref name="span"/> days ending that day.</summary>
    private static List<InsightPoint> Series(AccountMetric metric, List<InsightFact> facts, IReadOnlyList<long> days, int span)
    {
        var own = facts.Where(f => metric.Kinds.Contains(f.Kind)).ToList();
        return [.. days.Select(day => new InsightPoint(Aggregate(metric, own.Where(f => f.Day > day - span && f.Day <= day)), (day + 1) * Day))];
    }

    private static InsightTotal Total(AccountMetric metric, List<InsightFact> facts, IReadOnlyList<string> breakdowns, HashSet<long>? followers)
    {
        var own = facts.Where(f => metric.Kinds.Contains(f.Kind)).ToList();
        if (breakdowns.Count == 0)
        {
            return new InsightTotal(Aggregate(metric, own), []);
        }

        var results = own
            .Select(f => (Values: breakdowns.Select(b => Dimension(metric, b, f, followers)).ToList(), Fact: f))
            .Where(r => r.Values.All(v => v is not null))
            .GroupBy(r => string.Join('\u001f', r.Values))
            .Select(g => new InsightResult([.. g.First().Values!], Aggregate(metric, g.Select(r => r.Fact))))
            // Anonymous views reach nobody: no UNKNOWN row of 0 for reach.
            .Where(r => r.Value > 0)
            .OrderBy(r => string.Join(',', r.Values), StringComparer.Ordinal)
            .ToList();
        return new InsightTotal(Aggregate(metric, own), [new InsightBreakdown(breakdowns, results)]);
    }

    private static string? Dimension(AccountMetric metric, string breakdown, InsightFact fact, HashSet<long>? followers) => breakdown switch
    {
        "media_product_type" => fact.Product,
        "contact_button_type" => fact.Detail ?? "UNDEFINED",
        // For follows_and_unfollows the dimension is the direction: FOLLOWER = followed, NON_FOLLOWER = unfollowed.
        "follow_type" when metric.Name == "follows_and_unfollows" => fact.Kind == AccountFacts.NewFollower ? "FOLLOWER" : "NON_FOLLOWER",
        _ => fact.Actor is not { } actor ? "UNKNOWN" : followers!.Contains(actor) ? "FOLLOWER" : "NON_FOLLOWER",
    };

    /// <summary>Per day, how many distinct followers viewed the account's content in each UTC hour: one grouped statement.</summary>
    private static async Task<List<InsightPoint>> OnlineFollowersAsync(PictographDb db, long accountId, IReadOnlyList<long> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var (from, to) = (days[0] * Day, (days[^1] + 1) * Day);
        var seen = await db.InsightEvents.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Kind == InsightEventKinds.View && e.CreatedAt >= from && e.CreatedAt < to && e.ActorId != null
                && db.Follows.Any(f => f.FolloweeId == accountId && f.FollowerId == e.ActorId))
            .GroupBy(e => new { Day = e.CreatedAt / Day, Hour = e.CreatedAt % Day / 3600, e.ActorId })
            .Select(g => new { g.Key.Day, g.Key.Hour })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var counts = seen.GroupBy(s => (s.Day, s.Hour)).ToDictionary(g => g.Key, g => (long)g.Count());
        return [.. days.Select(day => new InsightPoint(0, (day + 1) * Day,
            Enumerable.Range(0, 24).ToDictionary(h => h, h => counts.GetValueOrDefault((day, (long)h)))))];
    }

    /// <summary>The same request for the span before and the span after, with absolute since/until.</summary>
    private static (string, string) Paging(long accountId, InsightWindow window, GraphContext context)
    {
        var length = Math.Max(window.Until - window.Since, Day);
        string Link(long since, long until)
        {
            var url = new StringBuilder(context.Links.BaseUrl).Append('/').Append(GraphJson.Id(accountId)).Append("/insights?");
            if (context.Links.AccessToken is { } token)
            {
                url.Append("access_token=").Append(Uri.EscapeDataString(token)).Append('&');
            }

            foreach (var (name, value) in context.Links.RootParameters)
            {
                if (name is not ("since" or "until"))
                {
                    url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
                }
            }

            return url.Append(CultureInfo.InvariantCulture, $"since={since}&until={until}").ToString();
        }

        return (Link(window.Since - length, window.Since), Link(window.Until, window.Until + length));
    }
}
