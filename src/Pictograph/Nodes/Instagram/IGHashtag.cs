using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pictograph.Auth;
using Pictograph.Data;
using Pictograph.Data.Rows;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;
using Pictograph.Nodes.Facebook;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// The hashtag node of the API with Facebook Login. Its spec (and so its name in errors) is
/// "ShadowIGHashtag". Hashtags are global: every caller with instagram_basic reads the same ids.
/// </summary>
public static class IGHashtag
{
    public const long Day = 24 * 60 * 60;

    /// <summary>Hashtag media pages: at most 50 items (25 by default).</summary>
    public static readonly ConnectionOptions TopMediaEdge = new(DefaultLimit: 25, MaxLimit: 50);

    /// <summary>recent_media gives an <c>after</c> cursor only.</summary>
    public static readonly ConnectionOptions RecentMediaEdge = new(DefaultLimit: 25, MaxLimit: 50) { BeforeCursor = false };

    private static readonly Keyset<Hashtag> ById = new(h => h.Id, h => h.Id, descending: true);

    // A top_media item's like count, noted when loaded so its cursor can carry it (items are fresh per request).
    private static readonly ConditionalWeakTable<Data.Media, StrongBox<long>> Likes = [];

    public static NodeType<Hashtag> Create()
    {
        var media = PublicMedia(withUsername: false);
        return new NodeType<Hashtag>("ShadowIGHashtag", h => h.Id)
            .Requires(Permissions.InstagramBasic)
            .LoadedBy(LoadAsync)
            .String("name", h => h.Name)
            .Connection("top_media", media, TopMediaOf, m => (Likes.TryGetValue(m, out var n) ? n.Value : 0, m.Id), TopMediaEdge)
            .Connection("recent_media", media, RecentMediaOf, m => (m.CreatedAt, m.Id), RecentMediaEdge);
    }

    /// <summary><c>recently_searched_hashtags</c> of an IGUser: the hashtags it searched in the last 7 days.</summary>
    public static NodeType<Account> WithRecentlySearchedHashtags(this NodeType<Account> user, NodeType<Hashtag> hashtag) =>
        user.Connection("recently_searched_hashtags", hashtag, RecentlySearchedOf, h => (h.Id, h.Id));

    /// <summary>
    /// Another account's media as "IGMedia", public fields only, loadable by id from any account (the
    /// finder that leads to it decides what is visible). Hashtag media have no <c>username</c>: asking
    /// for it is a nonexisting field there.
    /// </summary>
    public static NodeType<Data.Media> PublicMedia(bool withUsername)
    {
        var media = new NodeType<Data.Media>("IGMedia", m => m.Id)
            .LoadedBy(async (ids, context) => await context.Db().Media.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id, context.CancellationToken)
                .ConfigureAwait(false));
        if (withUsername)
        {
            media.Batched<string>("username", MediaQueries.OwnerUsernames, (w, name) => w.WriteStringValue(name));
        }

        return media
            .String("alt_text", m => m.AltText)
            .String("caption", m => m.ParentId is null ? m.Caption : null)
            .Batched<long>("comments_count", CommentCountsAsync, (w, n) => w.WriteNumberValue(n))
            .Boolean("is_shared_to_feed", m => m.ProductType == MediaProductType.Reels ? m.SharedToFeed ?? true : null)
            .Batched<long>("like_count", LikeCountsAsync, (w, n) => w.WriteNumberValue(n))
            .String("media_product_type", m => MediaLinks.ProductTypeName(m.ProductType))
            .String("media_type", m => MediaLinks.MediaTypeName(m.MediaType))
            .String("media_url", (m, c) => m.MediaType == MediaType.CarouselAlbum ? null : c.Links().File(m.FileKey, c))
            .String("permalink", (m, c) => m.ParentId is null ? c.Links().Permalink(m) : null)
            .String("shortcode", m => m.Shortcode)
            .String("thumbnail_url", (m, c) => m.MediaType == MediaType.Video ? c.Links().File(m.ThumbnailKey, c) : null)
            .Timestamp("timestamp", m => DateTimeOffset.FromUnixTimeSeconds(m.CreatedAt))
            .WithViewCount()
            .Connection("children", media, MediaQueries.ChildrenOf, m => (m.Position, m.Id), appliesTo: m => m.MediaType == MediaType.CarouselAlbum);
    }

    // A direct read (see HashtagRows): the same statement for any number of hashtags.
    private static async Task<IReadOnlyDictionary<long, Hashtag>> LoadAsync(IReadOnlyCollection<long> ids, GraphContext context) =>
        (await context.Rows().HashtagsAsync(ids, context.CancellationToken).ConfigureAwait(false)).ToDictionary(h => h.Id);

    /// <summary>The account <c>user_id</c> names, which the caller must reach (top_media and recent_media require it).</summary>
    public static async ValueTask<long> RequireUserAsync(string? userId, GraphContext context)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw GraphErrors.InvalidParameter("The parameter user_id is required");
        }

        if (!long.TryParse(userId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || await ManagedAssets.AccountByIdAsync(context, id).ConfigureAwait(false) is null)
        {
            throw GraphErrors.UnsupportedGet(userId.Length <= 40 ? userId : userId[..40] + "…");
        }

        return id;
    }

    /// <summary>Media a hashtag may list: top-level feed posts and reels (no stories, no ads, no carousel items).</summary>
    private static IQueryable<Data.Media> Tagged(PictographDb db, long hashtagId) =>
        db.Media.Where(m => m.InGrid && db.HashtagUses.Any(u => u.HashtagId == hashtagId && u.MediaId == m.Id));

    private static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> RecentMediaOf(IReadOnlyList<ConnectionQuery<Hashtag>> queries, GraphContext context)
    {
        var db = context.Db();
        var since = context.Now().ToUnixTimeSeconds() - Day;
        var pages = new List<IReadOnlyList<Data.Media>>(queries.Count);
        foreach (var query in queries)
        {
            await RequireUserAsync(query.Modifier("user_id"), context).ConfigureAwait(false);
            var hashtag = query.Parent.Id;
            if (query.Page is { Before: null, Since: null, Until: null } page)
            {
                // Forward pages, the only ones the edge links to: keys walking the recent index, rows from the
                // kept copies (see MediaRows.RecentTagged).
                var keys = await context.Rows().RecentTaggedKeysAsync(
                    hashtag, since, page.After is { } after ? new GridPosition(after.Primary, after.Secondary) : null, page.Take, context.CancellationToken).ConfigureAwait(false);
                pages.Add(await MediaQueries.CurrentAsync(keys, context).ConfigureAwait(false));
                continue;
            }

            var items = Tagged(db, hashtag).Where(m => m.CreatedAt > since);
            pages.Add(await MediaQueries.Grid.Page(items, query.Page).AsNoTracking().ToListAsync(context.CancellationToken).ConfigureAwait(false));
        }

        return pages;
    }

    /// <summary>Most liked first (ties: newest id first); the cursor carries (likes, id).</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> TopMediaOf(IReadOnlyList<ConnectionQuery<Hashtag>> queries, GraphContext context)
    {
        var db = context.Db();
        var pages = new List<IReadOnlyList<Data.Media>>(queries.Count);
        foreach (var query in queries)
        {
            await RequireUserAsync(query.Modifier("user_id"), context).ConfigureAwait(false);
            var ranked = Tagged(db, query.Parent.Id).Select(m => new { Media = m, Likes = (long)db.MediaLikes.Count(l => l.MediaId == m.Id) });
            var page = query.Page;
            var backwards = page.Backwards;
            if ((page.After ?? page.Before) is { } cursor)
            {
                var (cl, ci) = (cursor.Primary, cursor.Secondary);
                ranked = backwards
                    ? ranked.Where(x => x.Likes > cl || (x.Likes == cl && x.Media.Id > ci))
                    : ranked.Where(x => x.Likes < cl || (x.Likes == cl && x.Media.Id < ci));
            }

            var ordered = backwards
                ? ranked.OrderBy(x => x.Likes).ThenBy(x => x.Media.Id)
                : ranked.OrderByDescending(x => x.Likes).ThenByDescending(x => x.Media.Id);
            var rows = await ordered.Take(page.Take).AsNoTracking().ToListAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                Likes.AddOrUpdate(row.Media, new StrongBox<long>(row.Likes));
            }

            pages.Add([.. rows.Select(r => r.Media)]);
        }

        return pages;
    }

    private static async Task<IReadOnlyList<IReadOnlyList<Hashtag>>> RecentlySearchedOf(IReadOnlyList<ConnectionQuery<Account>> queries, GraphContext context)
    {
        var db = context.Db();
        var since = context.Now().ToUnixTimeSeconds() - HashtagSearchLimit.Window;
        var pages = new List<IReadOnlyList<Hashtag>>(queries.Count);
        foreach (var query in queries)
        {
            var id = query.Parent.Id;
            var items = db.Hashtags.Where(h => db.HashtagSearches.Any(s => s.AccountId == id && s.HashtagId == h.Id && s.SearchedAt > since));
            pages.Add(await ById.Page(items, query.Page).AsNoTracking().ToListAsync(context.CancellationToken).ConfigureAwait(false));
        }

        return pages;
    }

    public static async Task<IReadOnlyList<long>> CommentCountsAsync(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => m.Id).ToList();
        var counts = await context.Db().Comments.AsNoTracking()
            .Where(c => ids.Contains(c.MediaId) && !c.Hidden)
            .GroupBy(c => c.MediaId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false);
        return [.. media.Select(m => counts.GetValueOrDefault(m.Id))];
    }

    public static async Task<IReadOnlyList<long>> LikeCountsAsync(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => m.Id).ToList();
        var counts = await context.Db().MediaLikes.AsNoTracking()
            .Where(l => ids.Contains(l.MediaId))
            .GroupBy(l => l.MediaId)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false);
        return [.. media.Select(m => counts.GetValueOrDefault(m.Id))];
    }
}
