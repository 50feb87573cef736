using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pictograph.Data;
using Pictograph.Graph.Errors;
using Pictograph.Graph.Execution;
using Pictograph.Graph.Mutations;
using Pictograph.Hosting;
using Pictograph.Jobs;
using Pictograph.Nodes;
using Pictograph.Nodes.Instagram;
using Pictograph.Webhooks;

namespace Pictograph.Publishing;

/// <summary>
/// <c>POST /{ig-user-id}/media_publish?creation_id=…</c>: turns a FINISHED container into media, once.
/// The claim is one conditional UPDATE at the start of a write transaction, so of two concurrent publishes
/// of one container exactly one creates media and the other is told it is already published.
/// </summary>
public static class MediaPublishing
{
    public static async Task<MutationResult> PublishAsync(Account user, GraphArguments arguments, GraphContext context)
    {
        var containerId = arguments.Id("creation_id") ?? throw GraphErrors.InvalidParameter("The parameter creation_id is required");
        var db = context.Db();
        var cancellationToken = context.CancellationToken;
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var container = await db.Containers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == containerId && c.OwnerId == user.Id, cancellationToken).ConfigureAwait(false)
            ?? throw PublishingErrors.NotFound(containerId);
        if (container.IsCarouselItem)
        {
            throw GraphErrors.InvalidParameter("A carousel item cannot be published on its own: publish the carousel container");
        }

        var view = (await ContainerView.ForAsync([container], db, now, cancellationToken).ConfigureAwait(false))[0];
        switch (view.Status)
        {
            case ContainerStatus.Published:
                throw PublishingErrors.NotReady("The media has already been published.");
            case ContainerStatus.Expired:
                throw PublishingErrors.Expired();
            case ContainerStatus.Error:
                throw PublishingErrors.NotReady($"The media is not ready for publishing: processing failed ({view.Description}).");
            case ContainerStatus.InProgress:
                throw PublishingErrors.NotReady("The media is not ready for publishing, please wait for a moment.");
        }

        var children = view.Children;
        var quota = context.Services.GetRequiredService<IOptions<PictographOptions>>().Value.PublishingQuota;

        // Everything the media needs is added to the unit of work first: recording a caption's hashtags may
        // reserve ids on a connection of its own, which must not wait for this request's write lock.
        var media = await AddMediaAsync(db, container, children, now, context).ConfigureAwait(false);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // First statement of the transaction: it takes the write lock, so the check-and-set is atomic.
        var claimed = await db.Containers.Where(c => c.Id == container.Id && c.PublishedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ContainerState.Published)
                .SetProperty(c => c.PublishedAt, now)
                .SetProperty(c => c.PublishedMediaId, container.MediaId), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            throw PublishingErrors.NotReady("The media has already been published.");
        }

        if (await PublishingQuota.UsageAsync(db, user.Id, now, null, cancellationToken).ConfigureAwait(false) > quota)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw PublishingErrors.QuotaReached(quota);
        }

        var childIds = children.Select(c => c.Id).ToList();
        if (childIds.Count > 0)
        {
            await db.Containers.Where(c => childIds.Contains(c.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.State, ContainerState.Published)
                    .SetProperty(c => c.PublishedAt, now)
                    .SetProperty(c => c.PublishedMediaId, c => c.MediaId), cancellationToken)
                .ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        // Webhook deliveries (caption mentions) and the story's insights job were committed with the media.
        context.Services.GetRequiredService<JobQueue>().Wake();
        return MutationResult.Created(media.Id);
    }

    private static async Task<Data.Media> AddMediaAsync(PictographDb db, MediaContainer container, IReadOnlyList<MediaContainer> children, long now, GraphContext context)
    {
        var product = container.Kind switch
        {
            ContainerKind.Stories => MediaProductType.Story,
            // Instagram publishes every single video as a reel now; VIDEO remains for carousel items.
            ContainerKind.Reels or ContainerKind.Video => MediaProductType.Reels,
            _ => MediaProductType.Feed,
        };
        var media = ToMedia(container, product, now);
        if (container.Kind == ContainerKind.Carousel)
        {
            media.MediaType = MediaType.CarouselAlbum;
            media.FileKey = children[0].FileKey;
            media.ThumbnailKey = children[0].ThumbnailKey;
        }

        media.InGrid = Data.Media.IsGridItem(product, null);
        db.Media.Add(media);
        for (var i = 0; i < children.Count; i++)
        {
            var child = ToMedia(children[i], MediaProductType.Feed, now);
            child.ParentId = media.Id;
            child.Position = i;
            child.Caption = null;
            db.Media.Add(child);
            await TagAsync(db, child.Id, children[i].UserTags, context.CancellationToken).ConfigureAwait(false);
        }

        await TagAsync(db, media.Id, container.UserTags, context.CancellationToken).ConfigureAwait(false);
        await TextEntityRecorder.RecordAsync(db, context.Services.GetRequiredService<IdAllocator>(), context.Services.GetRequiredService<WebhookEvents>(), media.Id, null, media.Caption, now, context.CancellationToken).ConfigureAwait(false);
        if (product == MediaProductType.Story)
        {
            context.Services.GetRequiredService<WebhookEvents>().ScheduleStoryInsights(db, media.Id, media.OwnerId, DateTimeOffset.FromUnixTimeSeconds(now + ContainerView.Lifetime));
        }

        return media;
    }

    private static Data.Media ToMedia(MediaContainer container, MediaProductType product, long now) => new()
    {
        Id = container.MediaId,
        OwnerId = container.OwnerId,
        MediaType = container.FileType ?? MediaType.Image,
        ProductType = product,
        Caption = container.Caption,
        CreatedAt = now,
        Shortcode = Shortcodes.For(container.MediaId),
        FileKey = container.FileKey,
        ThumbnailKey = container.ThumbnailKey,
        AltText = container.AltText,
        SharedToFeed = container.Kind == ContainerKind.Reels ? container.ShareToFeed : null,
    };

    private static async Task TagAsync(PictographDb db, long mediaId, string? userTags, CancellationToken cancellationToken)
    {
        var names = UserTags.Deserialize(userTags).Select(t => t.Username.ToLowerInvariant()).Distinct().ToList();
        if (names.Count == 0)
        {
            return;
        }

        var accounts = await db.Accounts.AsNoTracking().Where(a => names.Contains(a.Username.ToLower())).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var account in accounts)
        {
            db.UserTags.Add(new Data.UserTag { MediaId = mediaId, AccountId = account });
        }
    }
}
