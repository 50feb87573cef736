using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Nodes;

namespace Pictograph.Insights;

/// <summary><c>GET /{ig-media-id}/insights</c>: lifetime metrics of one media item.</summary>
public static class MediaInsights
{
    /// <summary>Stories with fewer distinct viewers show no insights.</summary>
    public const int MinStoryViewers = 5;

    public static async Task<MutationResult> GetAsync(Data.Media media, GraphArguments arguments, GraphContext context, bool facebook)
    {
        var names = InsightParameters.RequiredList(arguments, "metric", MediaMetrics.Enum, name =>
        {
            if (MediaMetrics.Retired.Contains(name, StringComparer.Ordinal))
            {
                throw InsightErrors.Deprecated(name);
            }
        });
        // Media metrics are lifetime totals whatever period is asked for; the value must still be one the API knows.
        InsightParameters.OptionalList(arguments, "period", AccountMetrics.Periods);
        var breakdowns = InsightParameters.OptionalList(arguments, "breakdown", MediaMetrics.BreakdownEnum);
        if (media.ParentId is not null)
        {
            throw InsightErrors.AlbumChild();
        }

        var surface = MediaMetrics.SurfaceOf(media);
        var metrics = names.Distinct(StringComparer.Ordinal).Select(MediaMetrics.Find).ToList();
        foreach (var metric in metrics)
        {
            if (metric.FacebookOnly && !facebook)
            {
                throw InsightErrors.FacebookLoginOnly(metric.Name);
            }

            if ((metric.Surfaces & surface) == 0)
            {
                throw InsightErrors.NotForProductType(metric.Name);
            }

        }

        // A breakdown applies to the metrics that have it (profile_activity, navigation); one that fits none is refused.
        if (breakdowns.Any(b => !metrics.Any(m => m.Breakdown == b)))
        {
            throw InsightErrors.UnsupportedBreakdown();
        }

        var kinds = metrics.SelectMany(m => m.Kinds).ToHashSet(StringComparer.Ordinal);
        if (surface == MediaSurface.Story)
        {
            kinds.Add(InsightEventKinds.View);
        }

        var facts = await LoadAsync(context.Db(), media.Id, kinds, context.CancellationToken).ConfigureAwait(false);
        if (surface == MediaSurface.Story && AccountFacts.Aggregate(InsightAggregate.DistinctActors, facts.Where(f => f.Kind == InsightEventKinds.View)) < MinStoryViewers)
        {
            throw InsightErrors.NotEnoughViewers();
        }

        var rows = metrics.Select(metric =>
        {
            var own = facts.Where(f => metric.Kinds.Contains(f.Kind)).ToList();
            var value = AccountFacts.Aggregate(metric.Aggregate, own);
            InsightTotal? total = null;
            if (metric.Breakdown is { } breakdown && breakdowns.Contains(breakdown, StringComparer.Ordinal))
            {
                var results = own
                    .GroupBy(f => Dimension(breakdown, f), StringComparer.Ordinal)
                    .Select(g => new InsightResult([g.Key], AccountFacts.Aggregate(metric.Aggregate, g)))
                    .OrderBy(r => r.Values[0], StringComparer.Ordinal)
                    .ToList();
                total = new InsightTotal(value, [new InsightBreakdown([breakdown], results)]);
            }

            return new InsightRow(metric.Name, "lifetime", metric.Title, metric.Description, $"{GraphJson.Id(media.Id)}/insights/{metric.Name}/lifetime",
                [new InsightPoint(value, null)], total);
        }).ToList();
        return new MutationResult(w => InsightJson.Write(w, rows, null));
    }

    /// <summary>One grouped statement over the media's events and, when asked for, one for its like and comment counts.</summary>
    private static async Task<List<InsightFact>> LoadAsync(PictographDb db, long mediaId, HashSet<string> kinds, CancellationToken cancellationToken)
    {
        var eventKinds = kinds.Where(k => k is not (AccountFacts.Like or AccountFacts.Comment)).ToList();
        var facts = new List<InsightFact>();
        if (eventKinds.Count > 0)
        {
            var rows = await db.InsightEvents.AsNoTracking()
                .Where(e => e.MediaId == mediaId && eventKinds.Contains(e.Kind))
                .GroupBy(e => new { e.Kind, e.Detail, e.ActorId })
                .Select(g => new { g.Key.Kind, g.Key.Detail, g.Key.ActorId, Count = g.LongCount() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(rows.Select(r => new InsightFact(r.Kind, r.Detail, null, r.ActorId, 0, r.Count)));
        }

        if (kinds.Contains(AccountFacts.Like) || kinds.Contains(AccountFacts.Comment))
        {
            // Every comment, replies included, as comments_count counts them.
            var counts = await db.Media.AsNoTracking()
                .Where(m => m.Id == mediaId)
                .Select(m => new { Likes = db.MediaLikes.LongCount(l => l.MediaId == m.Id), Comments = db.Comments.LongCount(c => c.MediaId == m.Id) })
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            facts.Add(new InsightFact(AccountFacts.Like, null, null, null, 0, counts.Likes));
            facts.Add(new InsightFact(AccountFacts.Comment, null, null, null, 0, counts.Comments));
        }

        return facts;
    }

    /// <summary>The breakdown value of a fact: a story navigation action, or what was tapped on the profile.</summary>
    private static string Dimension(string breakdown, InsightFact fact) => breakdown switch
    {
        "story_navigation_action_type" => fact.Detail ?? "TAP_FORWARD",
        _ when fact.Kind == InsightEventKinds.WebsiteClick => "BIO_LINK_CLICKED",
        _ => fact.Detail is "CALL" or "DIRECTION" or "EMAIL" or "TEXT" ? fact.Detail : "OTHER",
    };
}
