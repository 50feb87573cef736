using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;

namespace Pictograph.Nodes.Instagram;

/// <summary>
/// The IG User edges both current flavours share beyond the grid: counts from the follow graph,
/// <c>stories</c>, <c>tags</c>, <c>live_media</c>, and the edges the API has but this server does not serve yet.
/// </summary>
public static class UserEdges
{
    private const long Day = 24 * 60 * 60;

    /// <summary>Stories and tags page like the grid (25 by default, at most 100); tags give cursors but no previous/next URLs.</summary>
    public static readonly ConnectionOptions StoriesEdge = new(DefaultLimit: 25, MaxLimit: 100);

    public static readonly ConnectionOptions TagsEdge = new(DefaultLimit: 25, MaxLimit: 100) { Links = false };

    /// <summary>Edges of IGUser (Facebook Login) not served yet: they answer "not available yet", never an empty list.</summary>
    public static readonly string[] FacebookNotYet =
    [
        "agencies", "authorized_adaccounts", "available_catalogs", "branded_content_ad_permissions",
        "branded_content_advertisable_medias", "branded_content_tag_approval", "business_messaging_feature_status",
        "catalog_product_search", "collaboration_invites", "collaborative_media", "connected_threads_user",
        "creator_marketplace_creators", "dataset", "instagram_backed_threads_user",
        "moderate_conversations", "notification_message_tokens", "product_appeal", "scheduled_media",
        "upcoming_events", "welcome_message_flows",
        // A field of Meta's documentation (not of its spec) not served yet.
        "collaborative_media_search",
    ];

    /// <summary>IG Media edges of features not served yet (ads and branded content).</summary>
    public static readonly string[] MediaNotYet = ["boost_ads_list", "branded_content_partner_promote", "partnership_ad_code"];

    /// <summary>Edges of the Instagram Login user not served yet.</summary>
    public static readonly string[] InstagramLoginNotYet =
    [
        "business_messaging_feature_status", "conversations", "messageattachments", "messages", "messenger_profile",
        "welcome_message_flows",
    ];

    /// <summary><c>followers_count</c> and <c>follows_count</c>, each one grouped query per level.</summary>
    public static NodeType<Account> WithFollowCounts(this NodeType<Account> user) =>
        user
            .Batched<long>("followers_count", (accounts, c) => CountAsync(accounts, c, followers: true), (w, n) => w.WriteNumberValue(n))
            .Batched<long>("follows_count", (accounts, c) => CountAsync(accounts, c, followers: false), (w, n) => w.WriteNumberValue(n));

    /// <summary><c>stories</c>, <c>tags</c> and <c>live_media</c>, over the flavour's media type.</summary>
    public static NodeType<Account> WithStoryAndTagEdges(this NodeType<Account> user, NodeType<Data.Media> media) =>
        user
            .Connection("stories", media, StoriesOf, m => (m.CreatedAt, m.Id), StoriesEdge)
            .Connection("tags", media, TagsOf, m => (m.CreatedAt, m.Id), TagsEdge)
            // Nothing is ever broadcast live here: the honest answer is an empty list.
            .Connection("live_media", media, (queries, _) => Task.FromResult<IReadOnlyList<IReadOnlyList<Data.Media>>>([.. queries.Select(_ => (IReadOnlyList<Data.Media>)[])]), m => (m.CreatedAt, m.Id));

    /// <summary>Declares each name as a field/edge (GET) and a POST and DELETE edge answering "not available yet".</summary>
    public static NodeType<T> WithNotYet<T>(this NodeType<T> node, IEnumerable<string> names)
        where T : class
    {
        foreach (var name in names)
        {
            node.Unavailable(name, NotYet)
                .OnUnavailable("POST", name, NotYet)
                .OnUnavailable("DELETE", name, NotYet);
        }

        return node;
    }

    /// <summary>
    /// Code 3 ("API Method": the capability is missing) is what the Graph API answers for a call the app
    /// cannot make; it is neither retried (unlike 1/2) nor mistaken for a missing permission (10/200).
    /// </summary>
    public static GraphException NotYet(string name, string nodeType) =>
        new(new GraphError(3, $"(#3) {name} on node type ({nodeType}) is not available yet on this server"));

    private static async Task<IReadOnlyList<long>> CountAsync(IReadOnlyList<Account> accounts, GraphContext context, bool followers)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var follows = context.Db().Follows.AsNoTracking();
        var counts = followers
            ? await follows.Where(f => ids.Contains(f.FolloweeId)).GroupBy(f => f.FolloweeId)
                .Select(g => new { g.Key, Count = g.LongCount() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false)
            : await follows.Where(f => ids.Contains(f.FollowerId)).GroupBy(f => f.FollowerId)
                .Select(g => new { g.Key, Count = g.LongCount() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false);
        return [.. accounts.Select(a => counts.GetValueOrDefault(a.Id))];
    }

    /// <summary>Top-level stories of the last 24 hours (by the server's clock), newest first.</summary>
    private static Task<IReadOnlyList<IReadOnlyList<Data.Media>>> StoriesOf(IReadOnlyList<ConnectionQuery<Account>> queries, GraphContext context)
    {
        var db = context.Db();
        var since = context.Now().ToUnixTimeSeconds() - Day;
        return MediaQueries.Grid.LoadAsync(
            queries,
            query => db.Media.Where(m => m.OwnerId == query.Parent.Id && m.ProductType == MediaProductType.Story && m.ParentId == null && m.CreatedAt > since),
            m => m.OwnerId,
            a => a.Id,
            context);
    }

    /// <summary>
    /// Media the account is tagged in, newest first. An item does not name the tagged account, so each
    /// parent is its own statement (a level of users is rarely more than one).
    /// </summary>
    private static async Task<IReadOnlyList<IReadOnlyList<Data.Media>>> TagsOf(IReadOnlyList<ConnectionQuery<Account>> queries, GraphContext context)
    {
        var db = context.Db();
        var pages = new List<IReadOnlyList<Data.Media>>(queries.Count);
        foreach (var query in queries)
        {
            var id = query.Parent.Id;
            var items = db.Media.Where(m => m.ProductType != MediaProductType.Ad && m.ParentId == null && db.UserTags.Any(t => t.MediaId == m.Id && t.AccountId == id));
            pages.Add(await MediaQueries.Grid.Page(items, query.Page).AsNoTracking().ToListAsync(context.CancellationToken).ConfigureAwait(false));
        }

        return pages;
    }
}
