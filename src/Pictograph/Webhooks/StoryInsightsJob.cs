using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Insights;
using Pictograph.Jobs;

namespace Pictograph.Webhooks;

/// <summary>
/// Runs when a story expires (scheduled by <see cref="WebhookEvents.ScheduleStoryInsights"/>): its results go
/// out as <c>story_insights</c> to the owner's apps. The deliveries and this job's end are separate commits, so a
/// crash in between may raise the event twice (at-least-once, as webhooks are).
/// </summary>
public sealed class StoryInsightsJob(IDbContextFactory<PictographDb> dbFactory, IdAllocator ids, JobQueue queue, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "webhooks.story_insights";

    public sealed record Story(long Media, long Owner);

    public string Kind => JobKind;

    public async Task<JobOutcome> RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        var story = JsonSerializer.Deserialize<Story>(run.Payload) ?? throw new JsonException("Empty story_insights payload.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Media.AnyAsync(m => m.Id == story.Media, cancellationToken).ConfigureAwait(false))
        {
            return JobOutcome.Done; // deleted before it expired: nothing to report
        }

        var targets = await WebhookDeliveries.TargetsAsync(db, [story.Owner], WebhookFields.StoryInsights, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return JobOutcome.Done;
        }

        var values = await StoryInsights.ComputeAsync(db, story.Media, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (accountId, appId) in targets)
        {
            await WebhookDeliveries.AddAsync(db, ids, queue, appId, accountId, WebhookFields.StoryInsights, w =>
            {
                w.WriteStartObject();
                w.WriteString("media_id", GraphJson.Id(story.Media));
                w.WriteNumber("impressions", values.Impressions);
                w.WriteNumber("reach", values.Reach);
                w.WriteNumber("taps_forward", values.TapsForward);
                w.WriteNumber("taps_back", values.TapsBack);
                w.WriteNumber("exits", values.Exits);
                w.WriteNumber("replies", values.Replies);
                w.WriteEndObject();
            }, now, cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        queue.Wake();
        return JobOutcome.Done;
    }
}
