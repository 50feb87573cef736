using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>
/// A count of things that happened to an account's content, grouped as finely as any metric needs:
/// by kind, breakdown detail, media product type, actor and UTC day. Metrics sum these or count their
/// distinct actors.
/// </summary>
public readonly record struct InsightFact(string Kind, string? Detail, string? Product, long? Actor, long Day, long Count);

/// <summary>Loads <see cref="InsightFact"/>s: one grouped statement per source table (events, likes, comments, follows).</summary>
public static class AccountFacts
{
    public const long Day = 86_400;

    /// <summary>A like on the account's media (the <c>MediaLike</c> table).</summary>
    public const string Like = "like";

    /// <summary>A comment by someone else on the account's media (the <c>Comment</c> table).</summary>
    public const string Comment = "comment";

    /// <summary>A new follower (the <c>Follow</c> table); unfollows are events.</summary>
    public const string NewFollower = "new_follower";

    private static readonly HashSet<string> TableKinds = [Like, Comment, NewFollower];

    /// <summary>Facts of the given kinds with times in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static async Task<List<InsightFact>> LoadAsync(PictographDb db, long accountId, IReadOnlySet<string> kinds, long start, long end, CancellationToken cancellationToken)
    {
        var facts = new List<InsightFact>();
        var eventKinds = kinds.Where(k => !TableKinds.Contains(k)).ToList();
        if (eventKinds.Count > 0)
        {
            var rows = await (
                    from e in db.InsightEvents.AsNoTracking()
                    where e.AccountId == accountId && e.CreatedAt >= start && e.CreatedAt < end && eventKinds.Contains(e.Kind)
                    join m in db.Media on e.MediaId equals m.Id into media
                    from m in media.DefaultIfEmpty()
                    group e by new
                    {
                        e.Kind,
                        e.Detail,
                        Product = m == null ? (MediaProductType?)null : m.ProductType,
                        Type = m == null ? (MediaType?)null : m.MediaType,
                        e.ActorId,
                        Day = e.CreatedAt / Day,
                    } into g
                    select new { g.Key.Kind, g.Key.Detail, g.Key.Product, g.Key.Type, g.Key.ActorId, g.Key.Day, Count = g.LongCount() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(rows.Select(r => new InsightFact(r.Kind, r.Detail, ProductName(r.Product, r.Type), r.ActorId, r.Day, r.Count)));
        }

        if (kinds.Contains(Like))
        {
            var rows = await (
                    from l in db.MediaLikes.AsNoTracking()
                    join m in db.Media on l.MediaId equals m.Id
                    where m.OwnerId == accountId && l.CreatedAt >= start && l.CreatedAt < end
                    group l by new { m.ProductType, m.MediaType, l.AccountId, Day = l.CreatedAt / Day } into g
                    select new { g.Key.ProductType, g.Key.MediaType, g.Key.AccountId, g.Key.Day, Count = g.LongCount() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(rows.Select(r => new InsightFact(Like, null, ProductName(r.ProductType, r.MediaType), r.AccountId, r.Day, r.Count)));
        }

        if (kinds.Contains(Comment))
        {
            // The owner's own replies are conversation, not engagement.
            var rows = await (
                    from c in db.Comments.AsNoTracking()
                    join m in db.Media on c.MediaId equals m.Id
                    where m.OwnerId == accountId && c.AuthorId != accountId && c.CreatedAt >= start && c.CreatedAt < end
                    group c by new { m.ProductType, m.MediaType, c.AuthorId, Day = c.CreatedAt / Day } into g
                    select new { g.Key.ProductType, g.Key.MediaType, g.Key.AuthorId, g.Key.Day, Count = g.LongCount() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(rows.Select(r => new InsightFact(Comment, null, ProductName(r.ProductType, r.MediaType), r.AuthorId, r.Day, r.Count)));
        }

        if (kinds.Contains(NewFollower))
        {
            var rows = await db.Follows.AsNoTracking()
                .Where(f => f.FolloweeId == accountId && f.CreatedAt >= start && f.CreatedAt < end)
                .Select(f => new { f.FollowerId, Day = f.CreatedAt / Day })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(rows.Select(r => new InsightFact(NewFollower, null, null, r.FollowerId, r.Day, 1)));
        }

        return facts;
    }

    /// <summary>A metric's number from its facts: a sum, or how many distinct known accounts.</summary>
    public static long Aggregate(InsightAggregate aggregate, IEnumerable<InsightFact> facts) =>
        aggregate == InsightAggregate.Sum
            ? facts.Sum(f => f.Count)
            : facts.Where(f => f.Actor is not null).Select(f => f.Actor).Distinct().LongCount();

    /// <summary>The account's current followers (for the follow_type and follower_type breakdowns).</summary>
    public static async Task<HashSet<long>> FollowersAsync(PictographDb db, long accountId, CancellationToken cancellationToken) =>
        [.. await db.Follows.AsNoTracking().Where(f => f.FolloweeId == accountId).Select(f => f.FollowerId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)];

    /// <summary>Instagram's media_product_type breakdown values: a feed album is a CAROUSEL_CONTAINER.</summary>
    public static string? ProductName(MediaProductType? product, MediaType? type) => product switch
    {
        null => null,
        MediaProductType.Feed when type == MediaType.CarouselAlbum => "CAROUSEL_CONTAINER",
        MediaProductType.Feed => "POST",
        MediaProductType.Reels => "REEL",
        MediaProductType.Story => "STORY",
        _ => "AD",
    };
}
