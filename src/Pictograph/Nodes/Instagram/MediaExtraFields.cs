using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Fields;
using Pictograph.Graph.Paging;
using Pictograph.Graph.Schema;
using Pictograph.Insights;

namespace Pictograph.Nodes.Instagram;

/// <summary>A collaborator named when the post was published (spec ShadowIGMediaCollaborators).</summary>
/// <param name="Position">The collaborator's place in the container's list, the edge's order.</param>
public sealed record MediaCollaborator(long AccountId, string Username, int Position);

/// <summary>Whether a post can be boosted (spec IGMediaBoostEligibilityInfo), and why not.</summary>
public sealed record BoostEligibility(bool Eligible, string? Reason);

/// <summary>A product tagged on a post (spec ShadowIGMediaProductTags). No catalogs exist here, so no post has any.</summary>
public sealed record MediaProductTag(long ProductId);

/// <summary>
/// The IG Media fields and edges of Meta's spec beyond the basics: views, the copyright check of videos, boost
/// eligibility, collaborators, and what this server has no data for (live viewers, video titles, product tags),
/// served empty rather than refused.
/// </summary>
public static class MediaExtraFields
{
    /// <summary>What Instagram reports for a collaborator until they accept; nobody can accept here yet.</summary>
    public const string InvitePending = "Pending";

    private static readonly ConnectionOptions CollaboratorsEdge = new(DefaultLimit: 25, MaxLimit: 100)
    {
        ItemDefaults = FieldSelection.Of("id", "username", "invite_status"),
    };

    private static readonly Keyset<MediaCollaborator> ByPosition = new(c => c.Position, c => c.AccountId, descending: false);

    public static NodeType<Data.Media> WithExtraMediaFields(this NodeType<Data.Media> media) =>
        media
            .Value("boost_eligibility_info", BoostEligibilityOf, WriteBoostEligibility)
            .Value("copyright_check_information", m => m.MediaType == MediaType.Video ? m : null, (w, _) => WriteCopyrightCheck(w))
            .Integer("current_live_viewer_count", _ => null)
            .EmptyByDesign("nothing is broadcast live here, and the count exists only on live media")
            .String("video_title", _ => null)
            .EmptyByDesign("publishing takes no video title (only a caption), so no video has one")
            .WithViewCount()
            .Connection("collaborators", Collaborator(), CollaboratorsOf, c => (c.Position, c.AccountId), CollaboratorsEdge, appliesTo: m => m.ParentId is null)
            .Connection("product_tags", ProductTag(), (queries, _) => Task.FromResult<IReadOnlyList<IReadOnlyList<MediaProductTag>>>([.. queries.Select(_ => (IReadOnlyList<MediaProductTag>)[])]), t => (t.ProductId, t.ProductId))
            .EmptyByDesign("no product catalogs exist here, so no post has product tags")
            .OnUnavailable("POST", "product_tags", UserEdges.NotYet);

    /// <summary>
    /// <c>view_count</c>: every recorded view of the item (file fetches through its signed URL and permalink page
    /// views), the events the <c>views</c> insight sums; one grouped count per level over the events' media index.
    /// </summary>
    public static NodeType<Data.Media> WithViewCount(this NodeType<Data.Media> media) =>
        media.Batched<long>("view_count", ViewCountsAsync, (w, n) => w.WriteNumberValue(n));

    /// <summary>Own top-level posts and reels can be boosted; stories and ads cannot; album items are not asked about.</summary>
    private static BoostEligibility? BoostEligibilityOf(Data.Media media) => media switch
    {
        { ParentId: not null } => null,
        { ProductType: MediaProductType.Feed or MediaProductType.Reels } => new(true, null),
        { ProductType: MediaProductType.Story } => new(false, "Stories cannot be boosted through the API."),
        _ => new(false, "The media is already an ad."),
    };

    private static void WriteBoostEligibility(Utf8JsonWriter writer, BoostEligibility eligibility)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("eligible_to_boost", eligibility.Eligible);
        if (eligibility.Reason is { } reason)
        {
            writer.WriteString("boost_ineligible_reason", reason);
        }

        writer.WriteEndObject();
    }

    /// <summary>A published video's check is complete (it ran while processing) and nothing here ever matches, so no <c>copyright_matches</c>.</summary>
    private static void WriteCopyrightCheck(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("status");
        writer.WriteString("status", "completed");
        writer.WriteBoolean("matches_found", false);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static NodeType<MediaCollaborator> Collaborator() =>
        new NodeType<MediaCollaborator>("ShadowIGMediaCollaborators", c => c.AccountId)
            .String("username", c => c.Username)
            .String("invite_status", _ => InvitePending);

    private static NodeType<MediaProductTag> ProductTag() =>
        new NodeType<MediaProductTag>("ShadowIGMediaProductTags", null)
            .Defaults("product_id")
            .Integer("product_id", t => t.ProductId)
            .Integer("merchant_id", _ => null)
            .String("name", _ => null)
            .String("image_url", _ => null)
            .String("price_string", _ => null)
            .String("stripped_price_string", _ => null)
            .String("stripped_sale_price_string", _ => null)
            .String("review_status", _ => null)
            .Boolean("is_checkout", _ => null)
            .Number("x", _ => null)
            .Number("y", _ => null);

    /// <summary>
    /// The collaborators of each post, from the container that published it (found through the owner's
    /// containers index), in the order the app gave them; accounts renamed or gone since are left out.
    /// </summary>
    private static async Task<IReadOnlyList<IReadOnlyList<MediaCollaborator>>> CollaboratorsOf(IReadOnlyList<ConnectionQuery<Data.Media>> queries, GraphContext context)
    {
        var db = context.Db();
        var owners = queries.Select(q => q.Parent.OwnerId).Distinct().ToList();
        var mediaIds = queries.Select(q => q.Parent.Id).ToList();
        var lists = await db.Containers.AsNoTracking()
            .Where(c => owners.Contains(c.OwnerId) && mediaIds.Contains(c.MediaId) && c.State == ContainerState.Published && c.Collaborators != null)
            .Select(c => new { c.MediaId, c.Collaborators })
            .ToDictionaryAsync(c => c.MediaId, c => c.Collaborators!.Split(',', StringSplitOptions.RemoveEmptyEntries), context.CancellationToken)
            .ConfigureAwait(false);
        var names = lists.Values.SelectMany(n => n).Distinct().ToList();
        var accounts = names.Count == 0
            ? []
            : await db.Accounts.AsNoTracking()
                .Where(a => names.Contains(a.Username.ToLower()))
                .Select(a => new { a.Id, a.Username })
                .ToListAsync(context.CancellationToken).ConfigureAwait(false);
        var byName = accounts.ToDictionary(a => a.Username.ToLowerInvariant());
        return [.. queries.Select(q =>
        {
            var all = lists.GetValueOrDefault(q.Parent.Id, [])
                .Select((name, i) => byName.TryGetValue(name, out var a) ? new MediaCollaborator(a.Id, a.Username, i) : null)
                .OfType<MediaCollaborator>();
            return (IReadOnlyList<MediaCollaborator>)[.. ByPosition.Page(all.AsQueryable(), q.Page)];
        })];
    }

    private static async Task<IReadOnlyList<long>> ViewCountsAsync(IReadOnlyList<Data.Media> media, GraphContext context)
    {
        var ids = media.Select(m => (long?)m.Id).ToList();
        var counts = await context.Db().InsightEvents.AsNoTracking()
            .Where(e => ids.Contains(e.MediaId) && e.Kind == InsightEventKinds.View)
            .GroupBy(e => e.MediaId!.Value)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, context.CancellationToken).ConfigureAwait(false);
        return [.. media.Select(m => counts.GetValueOrDefault(m.Id))];
    }
}
