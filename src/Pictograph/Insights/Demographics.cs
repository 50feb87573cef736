using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>
/// The audience demographics metrics: who follows the account (now), who saw its content and who
/// engaged with it (in the timeframe), by age, city, country and gender, from each account's profile.
/// </summary>
public static class Demographics
{
    /// <summary>Only the largest values are listed, as on Instagram.</summary>
    public const int Top = 45;

    private sealed record Profile(string? Country, string? City, string? Gender, int? BirthYear, long Count);

    public static async Task<InsightTotal> ComputeAsync(PictographDb db, long accountId, string metric, string? timeframe, InsightWindow window, IReadOnlyList<string> breakdowns, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audience = Audience(db, accountId, metric, window);
        // One grouped statement: one row per distinct profile, with how many accounts have it.
        var profiles = await audience
            .GroupBy(a => new { a.Country, a.City, a.Gender, a.BirthYear })
            .Select(g => new Profile(g.Key.Country, g.Key.City, g.Key.Gender, g.Key.BirthYear, g.LongCount()))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        List<string> keys = timeframe is null ? [.. breakdowns] : ["timeframe", .. breakdowns];
        var results = profiles
            .Select(p => (Values: breakdowns.Select(b => Dimension(p, b, now.Year)).ToList(), p.Count))
            .Where(r => r.Values.All(v => v is not null))
            .GroupBy(r => string.Join('\u001f', r.Values))
            .Select(g => new InsightResult(
                timeframe is null ? [.. g.First().Values!] : [timeframe.ToUpperInvariant(), .. g.First().Values!],
                g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Value)
            .ThenBy(r => string.Join(',', r.Values), StringComparer.Ordinal)
            .Take(Top)
            .ToList();
        return new InsightTotal(null, [new InsightBreakdown(keys, results)]);
    }

    private static IQueryable<Account> Audience(PictographDb db, long accountId, string metric, InsightWindow window)
    {
        var (since, until) = (window.Since, window.Until);
        var accounts = db.Accounts.AsNoTracking();
        return metric switch
        {
            "follower_demographics" => accounts.Where(a => db.Follows.Any(f => f.FolloweeId == accountId && f.FollowerId == a.Id)),
            "reached_audience_demographics" => accounts.Where(a => db.InsightEvents.Any(e =>
                e.AccountId == accountId && e.Kind == InsightEventKinds.View && e.ActorId == a.Id && e.CreatedAt >= since && e.CreatedAt <= until)),
            _ => accounts.Where(a => a.Id != accountId && (
                db.MediaLikes.Any(l => l.AccountId == a.Id && l.CreatedAt >= since && l.CreatedAt <= until && db.Media.Any(m => m.Id == l.MediaId && m.OwnerId == accountId))
                || db.Comments.Any(c => c.AuthorId == a.Id && c.CreatedAt >= since && c.CreatedAt <= until && db.Media.Any(m => m.Id == c.MediaId && m.OwnerId == accountId))
                || db.InsightEvents.Any(e => e.AccountId == accountId && e.ActorId == a.Id && e.CreatedAt >= since && e.CreatedAt <= until
                    && (e.Kind == InsightEventKinds.Save || e.Kind == InsightEventKinds.Share || e.Kind == InsightEventKinds.Reply || e.Kind == InsightEventKinds.Repost)))),
        };
    }

    /// <summary>A profile's value for one breakdown; null when the profile does not say.</summary>
    private static string? Dimension(Profile profile, string breakdown, int year) => breakdown switch
    {
        "country" => profile.Country,
        "city" => profile.City,
        "gender" => profile.Gender,
        _ => profile.BirthYear is { } born ? AgeBucket(year - born) : null,
    };

    private static string? AgeBucket(int age) => age switch
    {
        < 13 => null,
        < 18 => "13-17",
        < 25 => "18-24",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        < 65 => "55-64",
        _ => "65+",
    };
}
