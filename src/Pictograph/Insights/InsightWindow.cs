using Pictograph.Graph.Mutations;
using Pictograph.Graph.Paging;

namespace Pictograph.Insights;

/// <summary>
/// The time range of an account insights request, in unix seconds: totals count (Since, Until]. Days are UTC days:
/// a daily value covers 00:00–24:00 UTC and its end_time is the following midnight.
/// </summary>
public readonly record struct InsightWindow(long Since, long Until)
{
    private const long Day = AccountFacts.Day;

    /// <summary>The most a request may span, as on the Graph API.</summary>
    public const long MaxSpan = 30 * Day;

    /// <summary><c>since</c>/<c>until</c> (unix or ISO date); without them, the last 24 hours.</summary>
    public static InsightWindow From(GraphArguments arguments, DateTimeOffset now)
    {
        long? since = arguments["since"] is { Length: > 0 } s ? TimeParameter.Parse("since", s) : null;
        long? until = arguments["until"] is { Length: > 0 } u ? TimeParameter.Parse("until", u) : null;
        var end = until ?? now.ToUnixTimeSeconds();
        var begin = since ?? end - Day;
        if (begin > end)
        {
            throw InsightErrors.SinceAfterUntil();
        }

        if (end - begin > MaxSpan)
        {
            throw InsightErrors.RangeTooLong();
        }

        return new InsightWindow(begin, end);
    }

    /// <summary>The window a timeframe names, ending now (prev_month: the whole previous calendar month).</summary>
    public static InsightWindow ForTimeframe(string timeframe, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var monthStart = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var start = timeframe switch
        {
            "this_week" => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            "this_month" => monthStart,
            "prev_month" => monthStart.AddMonths(-1),
            "last_14_days" => now.AddDays(-14),
            "last_30_days" => now.AddDays(-30),
            _ => now.AddDays(-90),
        };
        var end = timeframe == "prev_month" ? monthStart : now;
        return new InsightWindow(start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds());
    }

    /// <summary>The UTC days a time series lists: every day the range touches.</summary>
    public IReadOnlyList<long> Days()
    {
        if (Until <= Since)
        {
            return [];
        }

        var first = Since / Day;
        var last = (Until - 1) / Day;
        return [.. Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i)];
    }
}
