using Microsoft.EntityFrameworkCore;
using Pictograph.Data;
using Pictograph.Graph.Execution;
using Pictograph.Nodes;
using Pictograph.Jobs;

namespace Pictograph.Webhooks;

/// <summary>
/// Turns what happens in the server into webhook deliveries for the apps subscribed to it. The hooks add rows
/// to the caller's context only, so an event exists exactly when the change that caused it commits.
/// </summary>
public sealed class WebhookEvents(JobQueue queue, IdAllocator ids)
{
    /// <summary>
    /// A story was published: its <c>story_insights</c> are sent when it expires. Adds a job to
    /// <paramref name="db"/>; it is scheduled when the caller saves changes.
    /// </summary>
    public void ScheduleStoryInsights(PictographDb db, long storyMediaId, long ownerId, DateTimeOffset expiresAt) =>
        queue.Enqueue(db, StoryInsightsJob.JobKind, new StoryInsightsJob.Story(storyMediaId, ownerId), expiresAt);

    // Compiled: asked on every comment.
    private static readonly Func<PictographDb, long, Task<OwnerAndType?>> MediaOf =
        EF.CompileAsyncQuery((PictographDb db, long id) => db.Media.AsNoTracking().Where(m => m.Id == id).Select(m => new OwnerAndType(m.OwnerId, m.ProductType)).SingleOrDefault());

    private static readonly Func<PictographDb, long, Task<string?>> UsernameOf =
        EF.CompileAsyncQuery((PictographDb db, long id) => db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Username).SingleOrDefault());

    private sealed record OwnerAndType(long OwnerId, MediaProductType ProductType);

    /// <summary><c>comments</c>: a comment (or reply) was added to <paramref name="comment"/>'s media; the media owner's apps hear of it.</summary>
    public async Task CommentAddedAsync(PictographDb db, Comment comment, CancellationToken cancellationToken)
    {
        var media = await MediaOf(db, comment.MediaId).ConfigureAwait(false);
        if (media is null)
        {
            return;
        }

        var targets = await WebhookDeliveries.TargetsAsync(db, [media.OwnerId], WebhookFields.Comments, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return;
        }

        var author = await UsernameOf(db, comment.AuthorId).ConfigureAwait(false);
        foreach (var (accountId, appId) in targets)
        {
            await WebhookDeliveries.AddAsync(db, ids, queue, appId, accountId, WebhookFields.Comments, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", GraphJson.Id(comment.Id));
                w.WriteString("text", comment.Text);
                if (comment.ParentId is { } parent)
                {
                    w.WriteString("parent_id", GraphJson.Id(parent));
                }

                w.WriteStartObject("from");
                w.WriteString("id", GraphJson.Id(comment.AuthorId));
                w.WriteString("username", author ?? "");
                w.WriteEndObject();
                w.WriteStartObject("media");
                w.WriteString("id", GraphJson.Id(comment.MediaId));
                w.WriteString("media_product_type", MediaLinks.ProductTypeName(media.ProductType));
                w.WriteEndObject();
                w.WriteEndObject();
            }, comment.CreatedAt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>mentions</c>: a caption (no <paramref name="commentId"/>) or a comment @-mentioned these accounts.</summary>
    public async Task MentionedAsync(PictographDb db, IReadOnlyCollection<long> accountIds, long mediaId, long? commentId, long createdAt, CancellationToken cancellationToken)
    {
        if (accountIds.Count == 0)
        {
            return;
        }

        foreach (var (accountId, appId) in await WebhookDeliveries.TargetsAsync(db, accountIds, WebhookFields.Mentions, cancellationToken).ConfigureAwait(false))
        {
            await WebhookDeliveries.AddAsync(db, ids, queue, appId, accountId, WebhookFields.Mentions, w =>
            {
                w.WriteStartObject();
                w.WriteString("media_id", GraphJson.Id(mediaId));
                if (commentId is { } comment)
                {
                    w.WriteString("comment_id", GraphJson.Id(comment));
                }

                w.WriteEndObject();
            }, createdAt, cancellationToken).ConfigureAwait(false);
        }
    }
}
