using Microsoft.EntityFrameworkCore;
using Pictograph.Data;

namespace Pictograph.Insights;

/// <summary>A story's results, as the <c>story_insights</c> webhook reports them when it expires.</summary>
public sealed record StoryInsightValues(long Impressions, long Reach, long TapsForward, long TapsBack, long Exits, long Replies);

public static class StoryInsights
{
    /// <summary>Counts the story's recorded events.</summary>
    public static async Task<StoryInsightValues> ComputeAsync(PictographDb db, long mediaId, CancellationToken cancellationToken)
    {
        var events = db.InsightEvents.AsNoTracking().Where(e => e.MediaId == mediaId);
        var counts = await events
            .GroupBy(e => new { e.Kind, e.Detail })
            .Select(g => new { g.Key.Kind, g.Key.Detail, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var reach = await events.Where(e => e.Kind == InsightEventKinds.View && e.ActorId != null)
            .Select(e => e.ActorId).Distinct().LongCountAsync(cancellationToken).ConfigureAwait(false);
        long Count(string kind, string? detail = null) =>
            counts.Where(c => c.Kind == kind && (detail is null || c.Detail == detail)).Sum(c => c.Count);
        return new StoryInsightValues(
            Count(InsightEventKinds.View),
            reach,
            Count(InsightEventKinds.Navigation, "TAP_FORWARD"),
            Count(InsightEventKinds.Navigation, "TAP_BACK"),
            Count(InsightEventKinds.Navigation, "TAP_EXIT"),
            Count(InsightEventKinds.Reply));
    }
}
